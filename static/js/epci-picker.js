/*
 * Searchable territory picker: enhances a <select data-combobox> (options
 * grouped by department in <optgroup>s) into an editable combobox with a
 * listbox popup, following the WAI-ARIA Authoring Practices "combobox with
 * list autocomplete" pattern. Without JavaScript the plain <select> stays.
 *
 * Keyboard: type to filter (accents and case ignored, department code or
 * name also match); Down/Up move through the options; Enter chooses; Escape
 * closes the list (or clears the text when already closed); Tab leaves.
 */
(function () {
  "use strict";

  var counter = 0;

  function normalise(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function readOptions(select) {
    var options = [];
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.value) {
        return;
      }
      var group = option.parentElement.tagName === "OPTGROUP" ? option.parentElement.label : "";
      options.push({
        value: option.value,
        text: option.textContent.trim(),
        group: group,
        key: normalise(option.textContent + " " + group),
      });
    });
    return options;
  }

  function enhance(select) {
    counter += 1;
    var baseId = select.id || "combobox-" + counter;
    var label = document.querySelector('label[for="' + select.id + '"]');
    var messages = {
      empty: select.dataset.comboboxEmpty || "",
      count: select.dataset.comboboxCount || "{n}",
    };
    var options = readOptions(select);

    var wrapper = document.createElement("div");
    wrapper.className = "position-relative";
    var input = document.createElement("input");
    input.type = "text";
    input.id = baseId + "_recherche";
    input.className = "form-control" + (select.classList.contains("is-invalid") ? " is-invalid" : "");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("autocomplete", "off");
    input.setAttribute("spellcheck", "false");
    if (select.required) {
      input.setAttribute("aria-required", "true");
    }
    if (select.getAttribute("aria-invalid") === "true") {
      input.setAttribute("aria-invalid", "true");
    }
    // The error summary's link to the select leads here (forms.js).
    select.setAttribute("data-focus-target", input.id);
    var describedBy = select.getAttribute("aria-describedby");
    if (describedBy) {
      input.setAttribute("aria-describedby", describedBy);
    }
    var listbox = document.createElement("ul");
    listbox.id = baseId + "_liste";
    listbox.className = "list-group position-absolute w-100 shadow-sm bg-body overflow-auto";
    listbox.style.maxHeight = "18rem";
    listbox.style.zIndex = "1050";
    listbox.setAttribute("role", "listbox");
    listbox.hidden = true;
    input.setAttribute("aria-controls", listbox.id);
    if (label) {
      if (!label.id) {
        label.id = baseId + "_label";
      }
      label.htmlFor = input.id;
      listbox.setAttribute("aria-labelledby", label.id);
    }
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");

    wrapper.appendChild(input);
    wrapper.appendChild(listbox);
    wrapper.appendChild(status);
    select.insertAdjacentElement("afterend", wrapper);
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;

    var visible = [];
    var active = -1;

    function selectedOption() {
      for (var i = 0; i < options.length; i += 1) {
        if (options[i].value === select.value) {
          return options[i];
        }
      }
      return null;
    }

    function render(query) {
      var needle = normalise(query.trim());
      visible = options.filter(function (option) {
        return !needle || option.key.indexOf(needle) !== -1;
      });
      listbox.textContent = "";
      var lastGroup = null;
      visible.forEach(function (option, index) {
        if (option.group !== lastGroup) {
          var header = document.createElement("li");
          header.setAttribute("role", "presentation");
          header.className = "list-group-item small fw-semibold bg-body-tertiary py-1";
          header.textContent = option.group;
          listbox.appendChild(header);
          lastGroup = option.group;
        }
        var item = document.createElement("li");
        item.id = baseId + "_option_" + index;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", option.value === select.value ? "true" : "false");
        item.className = "list-group-item list-group-item-action py-1";
        item.textContent = option.text;
        item.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the input
        });
        item.addEventListener("click", function () {
          choose(index);
        });
        listbox.appendChild(item);
      });
      if (!visible.length) {
        var none = document.createElement("li");
        none.setAttribute("role", "presentation");
        none.className = "list-group-item text-body-secondary";
        none.textContent = messages.empty;
        listbox.appendChild(none);
      }
      status.textContent = visible.length
        ? messages.count.replace("{n}", String(visible.length))
        : messages.empty;
      setActive(-1);
    }

    function open() {
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function setActive(index) {
      var previous = document.getElementById(baseId + "_option_" + active);
      if (previous) {
        previous.classList.remove("active");
      }
      active = index;
      var current = document.getElementById(baseId + "_option_" + active);
      if (current) {
        current.classList.add("active");
        current.scrollIntoView({ block: "nearest" });
        input.setAttribute("aria-activedescendant", current.id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var option = visible[index];
      if (!option) {
        return;
      }
      select.value = option.value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      input.value = option.text;
      close();
    }

    input.addEventListener("input", function () {
      var exact = null;
      options.forEach(function (option) {
        if (normalise(option.text) === normalise(input.value.trim())) {
          exact = option;
        }
      });
      select.value = exact ? exact.value : "";
      render(input.value);
      open();
    });

    input.addEventListener("keydown", function (event) {
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (listbox.hidden) {
            render(selectedOption() && input.value === selectedOption().text ? "" : input.value);
            open();
          }
          setActive(Math.min(active + 1, visible.length - 1));
          break;
        case "ArrowUp":
          event.preventDefault();
          if (!listbox.hidden) {
            setActive(Math.max(active - 1, 0));
          }
          break;
        case "Enter":
          if (!listbox.hidden && active >= 0) {
            event.preventDefault();
            choose(active);
          }
          break;
        case "Escape":
          if (!listbox.hidden) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            select.value = "";
          }
          break;
        case "Tab":
          close();
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", function () {
      close();
      var chosen = selectedOption();
      if (chosen) {
        input.value = chosen.text;
      }
    });

    var initial = selectedOption();
    if (initial) {
      input.value = initial.text;
    }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-combobox]"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
