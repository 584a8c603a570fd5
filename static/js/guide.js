/* The guide's editor: the internal link picker inserts [[slug]] at the cursor
 * of the body field. No inline script (Content-Security-Policy). */
(function () {
  "use strict";
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-guide-insert-link]");
    if (!button) return;
    const area = document.getElementById(button.dataset.guideInsertLink);
    const select = document.getElementById("guide-link-target");
    if (!area || !select || !select.value) return;
    if (area.hidden) {
      const write = area.closest("[data-markdown-editor]").querySelector('[data-md-mode="write"]');
      if (write) write.click();
    }
    const text = "[[" + select.value + "]]";
    area.setRangeText(text, area.selectionStart, area.selectionEnd, "end");
    area.dispatchEvent(new Event("input", { bubbles: true }));
    area.focus();
  });
})();
