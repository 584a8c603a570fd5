/* Markdown editor: toolbar actions on the textarea, and the Écrire / Aperçu
 * switch (the preview itself is fetched by htmx from the server). No inline
 * script: the Content-Security-Policy forbids it. */
(function () {
  "use strict";

  const WRAPS = { bold: ["**", "**", "texte en gras"], italic: ["*", "*", "texte en italique"] };
  const LINES = { h2: "## ", h3: "### ", ul: "- ", ol: "1. " };
  const TABLE = "\n| Colonne 1 | Colonne 2 |\n| --- | --- |\n| … | … |\n";

  function replaceSelection(area, before, selected, after) {
    const start = area.selectionStart;
    const end = area.selectionEnd;
    area.setRangeText(before + selected + after, start, end, "end");
    area.selectionStart = start + before.length;
    area.selectionEnd = start + before.length + selected.length;
    area.dispatchEvent(new Event("input", { bubbles: true }));
    area.focus();
  }

  function apply(area, action) {
    const selected = area.value.slice(area.selectionStart, area.selectionEnd);
    if (WRAPS[action]) {
      const [open, close, sample] = WRAPS[action];
      replaceSelection(area, open, selected || sample, close);
    } else if (LINES[action]) {
      const prefix = LINES[action];
      const lines = (selected || "").split("\n").map((line) => prefix + line.replace(/^(#+ |- |\d+\. )/, ""));
      const atLineStart = area.selectionStart === 0 || area.value[area.selectionStart - 1] === "\n";
      replaceSelection(area, atLineStart ? "" : "\n", lines.join("\n"), "");
    } else if (action === "link") {
      replaceSelection(area, "[", selected || "texte du lien", "](https://)");
    } else if (action === "table") {
      replaceSelection(area, "", "", TABLE);
    }
  }

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
})();
