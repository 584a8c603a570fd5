/* The guide editor's media chooser (guide/_media_chooser.html,
 * guide/views/chooser.py). A button « Insérer une image ou un fichier » is
 * added to the toolbar of the body's Markdown editor; it opens a modal
 * <dialog> (focus kept inside, Échap closes, focus back to the text): drop a
 * file or pick one on the computer (sent at once, checked by the server), or
 * pick one of the guide's library (search, thumbnails, pages of 12). Then an
 * image asks its alternative text (or « décorative », said explicitly) and a
 * file its link text; « Insérer » writes `![texte](fichier:12)` or
 * `[texte](fichier:12)` at the cursor. On a page not yet saved the files wait
 * for its first save, held by a key of this form. No inline script (CSP). */
(function () {
  "use strict";

  const dialog = document.querySelector("[data-media-chooser]");
  if (!dialog) return;
  const area = document.getElementById(dialog.dataset.target);
  if (!area) return;
  const uploadForm = dialog.querySelector("[data-media-upload]");
  const fileInput = uploadForm.querySelector("input[type=file]");
  const keyInput = uploadForm.querySelector("[data-media-key]");
  const library = dialog.querySelector("[data-media-library]");
  const search = dialog.querySelector("[data-media-search]");
  const error = dialog.querySelector("[data-media-error]");
  const describeError = dialog.querySelector("[data-media-describe-error]");
  const texts = dialog.querySelector("[data-media-messages]").dataset;
  const altInput = dialog.querySelector("#media-chooser-alt");
  const labelInput = dialog.querySelector("#media-chooser-label");
  const decorative = dialog.querySelector("[data-media-decorative]");
  const csrf = uploadForm.querySelector("[name=csrfmiddlewaretoken]").value;
  let chosen = null;
  let opener = null;
  let searchTimer = null;

  // A page not yet saved: a key of this form holds its files until the save.
  if (!dialog.dataset.page) {
    const bytes = new Uint8Array(24);
    window.crypto.getRandomValues(bytes);
    keyInput.value = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function target() {
    const params = new URLSearchParams();
    if (dialog.dataset.page) params.set("pour", dialog.dataset.page);
    else params.set("cle", keyInput.value);
    return params;
  }

  function step(name) {
    dialog.querySelectorAll("[data-media-step]").forEach((el) => {
      el.hidden = el.dataset.mediaStep !== name;
    });
  }

  // -- opening and closing -------------------------------------------------------

  function open(button) {
    opener = button;
    chosen = null;
    error.textContent = "";
    step("choose");
    dialog.showModal();
    loadLibrary(1);
    fileInput.focus();
  }

  dialog.addEventListener("close", () => {
    (opener && !opener.disabled ? opener : area).focus();
  });
  dialog.querySelector("[data-media-close]").addEventListener("click", () => dialog.close());

  function addButton() {
    const editor = area.closest("[data-markdown-editor]");
    const toolbar = editor && editor.querySelector("[role=toolbar]");
    if (!toolbar || toolbar.querySelector("[data-media-open]")) return;
    const group = document.createElement("div");
    group.className = "btn-group btn-group-sm";
    group.setAttribute("role", "group");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-secondary";
    button.dataset.md = "media"; // disabled with the others in « Aperçu »
    button.dataset.mediaOpen = "";
    button.setAttribute("aria-haspopup", "dialog");
    button.textContent = dialog.dataset.buttonLabel;
    group.appendChild(button);
    toolbar.appendChild(group);
    button.addEventListener("click", () => open(button));
  }

  // -- the library -----------------------------------------------------------------

  function loadLibrary(page) {
    const params = target();
    params.set("page", String(page));
    if (search.value.trim()) params.set("q", search.value.trim());
    fetch(dialog.dataset.libraryUrl + "?" + params.toString(), {
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then((response) => (response.ok ? response.text() : Promise.reject(response)))
      .then((html) => {
        library.innerHTML = html;
      })
      .catch(() => {
        library.textContent = texts.failed;
      });
  }

  search.addEventListener("input", () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => loadLibrary(1), 250);
  });
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter") event.preventDefault();
  });

  library.addEventListener("click", (event) => {
    const more = event.target.closest("[data-media-page]");
    if (more) {
      loadLibrary(more.dataset.mediaPage);
      return;
    }
    const pick = event.target.closest("[data-media-pick]");
    if (!pick) return;
    pick.disabled = true;
    const url = dialog.dataset.chooseUrl.replace("/0/", "/" + pick.dataset.mediaPick + "/");
    send(url, target(), () => {
      pick.disabled = false;
    });
  });

  // -- sending a file ----------------------------------------------------------------

  function send(url, body, always) {
    error.textContent = "";
    return fetch(url, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "X-Requested-With": "fetch" },
    })
      .then((response) =>
        response.json().then(
          (data) => ({ ok: response.ok, data }),
          () => ({ ok: false, data: {} }),
        ),
      )
      .then(({ ok, data }) => {
        if (!ok) {
          error.textContent = (data.errors || [texts.failed]).join(" ");
          return;
        }
        if (data.next_token) {
          uploadForm.querySelector("[name=submission_token]").value = data.next_token;
        }
        describe(data);
      })
      .catch(() => {
        error.textContent = texts.failed;
      })
      .finally(() => {
        if (always) always();
      });
  }

  function upload(file) {
    if (!file) return;
    error.textContent = texts.uploading;
    const body = new FormData(uploadForm);
    body.set("file", file);
    if (!dialog.dataset.page) body.delete("pour");
    send(uploadForm.action, body).finally(() => {
      fileInput.value = "";
    });
  }

  fileInput.addEventListener("change", () => upload(fileInput.files[0]));
  uploadForm.addEventListener("submit", (event) => event.preventDefault());

  const drop = dialog.querySelector("[data-media-drop]");
  drop.addEventListener("dragover", (event) => {
    if (!event.dataTransfer || !Array.from(event.dataTransfer.types).includes("Files")) return;
    event.preventDefault();
    drop.classList.add("media-chooser__drop--over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("media-chooser__drop--over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("media-chooser__drop--over");
    upload(event.dataTransfer.files[0]);
  });

  // -- describing and inserting ------------------------------------------------------

  function describe(data) {
    chosen = data;
    describeError.textContent = "";
    const preview = dialog.querySelector("[data-media-preview]");
    preview.textContent = "";
    if (data.thumbnail) {
      const img = document.createElement("img");
      img.className = "media-chooser__preview";
      img.src = data.thumbnail;
      img.alt = "";
      preview.appendChild(img);
    }
    dialog.querySelector("[data-media-chosen]").textContent = texts.chosen + " " + data.name;
    dialog.querySelector("[data-media-image-fields]").hidden = !data.is_image;
    dialog.querySelector("[data-media-file-fields]").hidden = data.is_image;
    altInput.value = "";
    altInput.disabled = false;
    decorative.checked = false;
    labelInput.value = data.name;
    step("describe");
    (data.is_image ? altInput : labelInput).focus();
  }

  decorative.addEventListener("change", () => {
    altInput.disabled = decorative.checked;
    if (decorative.checked) describeError.textContent = "";
  });

  function clean(text) {
    return text.replace(/[\[\]\n\r]/g, " ").replace(/\s+/g, " ").trim();
  }

  function insert() {
    if (!chosen) return;
    let text;
    if (chosen.is_image) {
      const alt = clean(altInput.value);
      if (!alt && !decorative.checked) {
        describeError.textContent = texts.altRequired;
        altInput.setAttribute("aria-invalid", "true");
        altInput.focus();
        return;
      }
      altInput.removeAttribute("aria-invalid");
      text = "![" + (decorative.checked ? "" : alt) + "](" + chosen.reference + ")";
    } else {
      const label = clean(labelInput.value);
      if (!label) {
        describeError.textContent = texts.labelRequired;
        labelInput.focus();
        return;
      }
      text = "[" + label + "](" + chosen.reference + ")";
    }
    if (area.hidden) {
      const write = area.closest("[data-markdown-editor]").querySelector('[data-md-mode="write"]');
      if (write) write.click();
    }
    const start = area.selectionStart;
    area.setRangeText(text, start, area.selectionEnd, "end");
    area.dispatchEvent(new Event("input", { bubbles: true }));
    opener = null;
    dialog.close();
    area.focus();
    area.selectionStart = area.selectionEnd = start + text.length;
  }

  dialog.querySelector("[data-media-insert]").addEventListener("click", insert);
  [altInput, labelInput].forEach((input) => {
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        insert();
      }
    });
  });
  dialog.querySelector("[data-media-back]").addEventListener("click", () => {
    step("choose");
    fileInput.focus();
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addButton);
  } else {
    addButton();
  }
})();
