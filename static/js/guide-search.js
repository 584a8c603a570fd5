// The guide's search box: keyboard access to the title suggestions that htmx
// puts in #guide-search-suggestions (combobox pattern with aria-activedescendant).
(function () {
  "use strict";

  function setup(input) {
    var box = document.getElementById(input.getAttribute("aria-controls"));
    if (!box) return;
    var active = -1;

    function options() {
      return Array.prototype.slice.call(box.querySelectorAll("[role=option]"));
    }

    function close() {
      box.innerHTML = "";
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var list = options();
      if (!list.length) return;
      active = (index + list.length) % list.length;
      list.forEach(function (option, i) {
        var on = i === active;
        option.setAttribute("aria-selected", on ? "true" : "false");
        option.classList.toggle("active", on);
      });
      input.setAttribute("aria-activedescendant", list[active].id);
      list[active].scrollIntoView({ block: "nearest" });
    }

    box.addEventListener("htmx:afterSwap", function () {
      active = -1;
      input.removeAttribute("aria-activedescendant");
      input.setAttribute("aria-expanded", options().length ? "true" : "false");
    });

    input.addEventListener("keydown", function (event) {
      var list = options();
      if (event.key === "ArrowDown" && list.length) {
        event.preventDefault();
        highlight(active + 1);
      } else if (event.key === "ArrowUp" && list.length) {
        event.preventDefault();
        highlight(active - 1);
      } else if (event.key === "Enter" && active >= 0 && list[active]) {
        event.preventDefault();
        var link = list[active].querySelector("a");
        if (link) window.location.assign(link.href);
      } else if (event.key === "Escape" && list.length) {
        // First Escape closes the suggestions; the next one clears the box.
        event.preventDefault();
        close();
      }
    });

    input.addEventListener("blur", function () {
      // Let a click on a suggestion land before the list goes away.
      window.setTimeout(function () {
        if (!box.contains(document.activeElement)) close();
      }, 200);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var input = document.getElementById("guide-search-input");
    if (input) setup(input);
  });
})();
