/* The steps of a protocol, reordered by drag and drop or by keyboard
 * (protocols/coordination/_formset.html with `draggable`), through the
 * portal's shared reordering piece (static/js/drag-reorder.js).
 *
 * Each row gets a handle (a button, shown by the script only): drag the
 * row by it, or, the handle focused, press Alt + ↑ / Alt + ↓. After each
 * move the ORDER fields are numbered 1…n, as the « Monter » / « Descendre »
 * buttons of static/js/formset.js do, so the order seen is the order saved;
 * without JavaScript the order is typed in those fields. Each move is said
 * in the table's live region (data-reorder-message, with {position} and
 * {total}). */
(function () {
  "use strict";

  const ROW = "[data-formset-row]";

  function renumber(container) {
    container.querySelectorAll("[data-formset-body] > " + ROW).forEach((row, index) => {
      const order = row.querySelector("[data-formset-order]");
      if (order) order.value = String(index + 1);
    });
  }

  window.GecoReorder.attach({
    container: "[data-reorder]",
    item: ROW,
    handle: "[data-reorder-handle]",
    draggingClass: "step-row--dragging",
    // A row is dropped before or after another row of the same table.
    dragOver(dragged, event) {
      const row = event.target.closest && event.target.closest(ROW);
      if (!row || row.parentNode !== dragged.parentNode) return false;
      if (row !== dragged) {
        const box = row.getBoundingClientRect();
        const after = event.clientY > box.top + box.height / 2;
        row.parentNode.insertBefore(dragged, after ? row.nextElementSibling : row);
      }
      return true;
    },
    moved: renumber,
    ready(container) {
      container.querySelectorAll("[data-reorder-help]").forEach((help) => {
        help.hidden = false;
      });
      // Rows added later are cloned from the template: their handle shows too.
      const template = container.querySelector("[data-formset-template]");
      if (template) {
        template.content.querySelectorAll("[data-reorder-handle]").forEach((handle) => {
          handle.hidden = false;
        });
      }
    },
  });
})();
