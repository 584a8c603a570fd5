/* Markdown editor: toolbar actions and keyboard shortcuts on the textarea, and
 * the Écrire / Aperçu switch (the preview itself is fetched by htmx from the
 * server). No inline script: the Content-Security-Policy forbids it.
 *
 * Inline styles (gras, italique, lien) wrap the selection, or a sample text
 * left selected so that typing replaces it — the marks stay. Line markers
 * (titre, sous-titre, listes) go at the start of the current line(s), with the
 * caret after the marker and nothing selected: the next key typed follows the
 * marker instead of erasing it.
 *
 * « Lien » (Ctrl+K) opens a small dialog: the link's text (the selection), its
 * address, and, where the page offers its pages ([data-md-pages]: the guide),
 * a page picker that writes `[[adresse]]` (or `[[adresse|texte]]`). Under the
 * text, a word count. */
(function () {
  "use strict";

  const WRAPS = { bold: ["**", "**", "texte en gras"], italic: ["*", "*", "texte en italique"] };
  const LINES = { h2: "## ", h3: "### ", ul: "- ", ol: "1. " };
  const MARKER = /^(#{1,6} |[-*+] |\d+\. )/;
  const TABLE = "\n| Colonne 1 | Colonne 2 |\n| --- | --- |\n| … | … |\n";
  const SHORTCUTS = { b: "bold", i: "italic", k: "link" };
  const MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent || "");

  function changed(area, selectionStart, selectionEnd) {
    area.selectionStart = selectionStart;
    area.selectionEnd = selectionEnd;
    area.dispatchEvent(new Event("input", { bubbles: true }));
    area.focus();
  }

  /* Replaces the selection with before + inner + after; inner ends selected. */
  function wrap(area, before, inner, after) {
    const start = area.selectionStart;
    area.setRangeText(before + inner + after, start, area.selectionEnd, "end");
    changed(area, start + before.length, start + before.length + inner.length);
  }

  /* Puts `prefix` at the start of every line touched by the selection (or of
   * the caret's line), replacing any heading or list marker already there. */
  function prefixLines(area, action) {
    const value = area.value;
    const start = area.selectionStart;
    const collapsed = start === area.selectionEnd;
    let end = area.selectionEnd;
    // A selection ending at the very start of a line does not touch that line.
    if (end > start && value[end - 1] === "\n") end -= 1;
    const lineStart = value.lastIndexOf("\n", start - 1) + 1;
    let lineEnd = value.indexOf("\n", end);
    if (lineEnd === -1) lineEnd = value.length;

    const lines = value.slice(lineStart, lineEnd).split("\n");
    const firstMarker = (lines[0].match(MARKER) || [""])[0];
    const text = lines
      .map((line, index) => {
        const prefix = action === "ol" ? `${index + 1}. ` : LINES[action];
        return prefix + line.replace(MARKER, "");
      })
      .join("\n");
    area.setRangeText(text, lineStart, lineEnd, "end");

    let caret = lineStart + text.length;
    if (collapsed) {
      // No selection: the caret keeps its place in the line's text, and is
      // never left before (or inside) the new marker.
      const prefix = LINES[action];
      const offset = Math.max(0, start - lineStart - firstMarker.length);
      caret = Math.min(lineStart + prefix.length + offset, lineStart + text.split("\n")[0].length);
    }
    changed(area, caret, caret);
  }

  function apply(area, action) {
    const start = area.selectionStart;
    const end = area.selectionEnd;
    const selected = area.value.slice(start, end);
    if (WRAPS[action]) {
      const [open, close, sample] = WRAPS[action];
      wrap(area, open, selected || sample, close);
    } else if (LINES[action]) {
      prefixLines(area, action);
    } else if (action === "link" && linkDialog(area)) {
      openLinkDialog(area, selected);
    } else if (action === "link") {
      if (selected) {
        // The words are the link's text: select the address to type or paste.
        wrap(area, `[${selected}](`, "https://", ")");
      } else {
        wrap(area, "[", "texte du lien", "](https://)");
      }
    } else if (action === "table") {
      area.setRangeText(TABLE, start, end, "end");
      changed(area, start + TABLE.length, start + TABLE.length);
    }
  }

  // -- the link dialog ----------------------------------------------------------

  function linkDialog(area) {
    const editor = area.closest("[data-markdown-editor]");
    if (editor.mdLinkDialog) return editor.mdLinkDialog;
    const template = editor.querySelector("template[data-md-link-dialog]");
    if (!template || typeof HTMLDialogElement === "undefined") return null;
    const dialog = template.content.firstElementChild.cloneNode(true);
    // Outside the page's form: a form may not hold another.
    document.body.appendChild(dialog);
    editor.mdLinkDialog = dialog;
    const pages = document.querySelector("[data-md-pages]");
    const picker = dialog.querySelector("[data-md-link-page]");
    if (pages && picker) {
      Array.from(pages.options).forEach((option) => {
        if (option.value) picker.add(new Option(option.text, option.value));
      });
      dialog.querySelector("[data-md-link-pages]").hidden = false;
      const filter = dialog.querySelector("[data-md-link-filter]");
      filter.addEventListener("input", () => {
        const words = filter.value.trim().toLowerCase();
        Array.from(picker.options).forEach((option) => {
          option.hidden = Boolean(words) && !option.text.toLowerCase().includes(words);
        });
      });
      filter.addEventListener("keydown", (event) => {
        if (event.key === "ArrowDown") {
          event.preventDefault();
          const first = Array.from(picker.options).find((option) => !option.hidden);
          if (first) picker.value = first.value;
          picker.focus();
        }
      });
      picker.addEventListener("change", () => {
        dialog.querySelector("[data-md-link-url]").value = "";
      });
    }
    dialog.querySelector("[data-md-link-cancel]").addEventListener("click", () => dialog.close());
    // No <form> in the dialog: the widget stands inside the page's form.
    dialog.querySelector("[data-md-link-insert]").addEventListener("click", () => {
      if (insertLink(dialog)) dialog.close();
    });
    dialog.querySelector("[data-md-link-form]").addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || event.target.matches("button")) return;
      event.preventDefault();
      if (insertLink(dialog)) dialog.close();
    });
    dialog.addEventListener("close", () => {
      const target = dialog.mdArea;
      dialog.mdArea = null;
      if (target) target.focus();
    });
    return dialog;
  }

  function openLinkDialog(area, selected) {
    const dialog = linkDialog(area);
    dialog.mdArea = area;
    dialog.mdRange = [area.selectionStart, area.selectionEnd];
    const text = dialog.querySelector("[data-md-link-text]");
    const url = dialog.querySelector("[data-md-link-url]");
    const picker = dialog.querySelector("[data-md-link-page]");
    text.value = selected.replace(/\s+/g, " ").trim();
    url.value = "";
    if (picker) picker.selectedIndex = -1;
    dialog.querySelector("[data-md-link-error]").textContent = "";
    dialog.showModal();
    (text.value ? url : text).focus();
  }

  /* Writes the link at the place the selection was; false (and a message)
   * when there is nothing to link to. */
  function insertLink(dialog) {
    const area = dialog.mdArea;
    const text = dialog.querySelector("[data-md-link-text]").value.replace(/[\[\]]/g, "").trim();
    const url = dialog.querySelector("[data-md-link-url]").value.trim();
    const picker = dialog.querySelector("[data-md-link-page]");
    const slug = picker && !url ? picker.value : "";
    let link;
    if (slug) {
      const title = picker.options[picker.selectedIndex].text;
      link = text && text !== title ? `[[${slug}|${text}]]` : `[[${slug}]]`;
    } else if (/^(https?:\/\/\S+|mailto:\S+@\S+)$/.test(url)) {
      link = `[${text || url}](${url})`;
    } else {
      const error = dialog.querySelector("[data-md-link-error]");
      error.textContent = error.dataset.urlRequired;
      dialog.querySelector("[data-md-link-url]").focus();
      return false;
    }
    const [start, end] = dialog.mdRange;
    area.setRangeText(link, start, end, "end");
    changed(area, start + link.length, start + link.length);
    return true;
  }

  // -- the word count -------------------------------------------------------------

  function countWords(area) {
    const count = area.closest("[data-markdown-editor]").querySelector("[data-md-count]");
    if (!count) return;
    // The words read: a link's address is not counted, a bare address is one word.
    const text = area.value
      .replace(/\]\([^)\s]*\)/g, "]")
      .replace(/\[\[[^\]|]*\|([^\]]*)\]\]/g, "$1")
      .replace(/(https?:\/\/|mailto:)\S+/g, "lien");
    const words = (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) || []).length;
    count.textContent =
      words === 1 ? count.dataset.one : count.dataset.many.replace("%(count)s", String(words));
    count.hidden = false;
  }

  document.addEventListener("input", (event) => {
    const area = event.target;
    if (area instanceof HTMLTextAreaElement && area.closest("[data-markdown-editor]")) {
      countWords(area);
    }
  });

  function setMode(editor, mode) {
    const area = editor.querySelector("textarea");
    const preview = editor.querySelector(".markdown-editor__preview");
    const writing = mode === "write";
    area.hidden = !writing;
    preview.hidden = writing;
    editor.querySelectorAll("[data-md]").forEach((b) => { b.disabled = !writing; });
    editor.querySelectorAll("[data-md-mode]").forEach((b) => {
      const on = b.dataset.mdMode === mode;
      b.classList.toggle("active", on);
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-markdown-editor] button");
    if (!button) return;
    const editor = button.closest("[data-markdown-editor]");
    if (button.dataset.md) apply(editor.querySelector("textarea"), button.dataset.md);
    if (button.dataset.mdMode) setMode(editor, button.dataset.mdMode);
  });

  // Ctrl+B, Ctrl+I, Ctrl+K (Cmd on macOS) in the textarea, instead of the
  // browser's own use of these keys (bookmarks, page info, search bar).
  document.addEventListener("keydown", (event) => {
    const area = event.target;
    if (!(area instanceof HTMLTextAreaElement) || !area.closest("[data-markdown-editor]")) return;
    if (event.isComposing || event.altKey || event.shiftKey) return;
    if (!(MAC ? event.metaKey : event.ctrlKey)) return;
    const action = SHORTCUTS[(event.key || "").toLowerCase()];
    if (!action) return;
    event.preventDefault();
    apply(area, action);
  });

  // Each editor's word count; the titles say "Ctrl+B", on a Mac the key is ⌘.
  function setUp(root) {
    root.querySelectorAll("[data-markdown-editor] textarea").forEach(countWords);
    if (!MAC) return;
    root.querySelectorAll("[data-markdown-editor] [data-md][aria-keyshortcuts]").forEach((b) => {
      b.title = b.title.replace("Ctrl+", "⌘");
      b.setAttribute("aria-keyshortcuts", b.getAttribute("aria-keyshortcuts").replace("Control+", "Meta+"));
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => setUp(document));
  } else {
    setUp(document);
  }
  document.addEventListener("htmx:load", (event) => setUp(event.target));
})();
