/* After a failed submit, focus goes to the error summary, whose links lead
 * to the fields. A field replaced by a script (a combobox over a select)
 * names its stand-in in data-focus-target. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", () => {
    const summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
      summary.scrollIntoView({ block: "start" });
    }
  });
  document.addEventListener("click", (event) => {
    const link = event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) return;
    let field = document.getElementById(link.getAttribute("href").slice(1));
    if (field && field.dataset.focusTarget) {
      field = document.getElementById(field.dataset.focusTarget) || field;
    }
    if (!field) return;
    // a field folded in a <details> is shown first
    const details = field.closest("details");
    if (details) details.open = true;
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: "center" });
  });
})();
