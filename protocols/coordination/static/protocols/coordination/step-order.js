/* The steps of a protocol, reordered by drag and drop or by keyboard
 * (protocols/coordination/_formset.html with `draggable`).
 *
 * Each row gets a handle (a button, shown by this script only): drag the
 * row by it, or, the handle focused, press Alt + ↑ / Alt + ↓. After each
 * move the ORDER fields are numbered 1…n, as the « Monter » / « Descendre »
 * buttons of static/js/formset.js do, so the order seen is the order saved;
 * without JavaScript the order is typed in those fields. Each move is said
 * in the table's live region (its message, translated, is the container's
 * data-reorder-message, with {position} and {total}). Native HTML5 drag and
 * drop: a row becomes draggable only while its handle is held, so text can
 * still be selected in its fields. */
(function () {
  "use strict";

  const CONTAINER = "[data-reorder]";
  const ROW = "[data-formset-row]";
  const HANDLE = "[data-reorder-handle]";
  let dragged = null;

  function rows(container) {
    return Array.from(container.querySelectorAll("[data-formset-body] > " + ROW));
  }

  function renumber(container) {
    rows(container).forEach((row, index) => {
      const order = row.querySelector("[data-formset-order]");
      if (order) order.value = String(index + 1);
    });
  }

  function announce(container, row) {
    const status = container.querySelector("[data-reorder-status]");
    if (!status) return;
    const all = rows(container);
    const message = (container.dataset.reorderMessage || "")
      .replace("{position}", String(all.indexOf(row) + 1))
      .replace("{total}", String(all.length));
    // A new text each time, even for the same position, so it is read again.
    status.textContent = "";
    window.setTimeout(() => {
      status.textContent = message;
    }, 50);
  }

  function moved(container, row, handle) {
    renumber(container);
    if (handle) handle.focus();
    announce(container, row);
  }

  function showHandles(root) {
    root.querySelectorAll(HANDLE).forEach((handle) => {
      handle.hidden = false;
    });
  }

  // -- keyboard -------------------------------------------------------------

  document.addEventListener("keydown", (event) => {
    const handle = event.target.closest && event.target.closest(HANDLE);
    if (!handle || !event.altKey) return;
    if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
    event.preventDefault();
    const row = handle.closest(ROW);
    const container = handle.closest(CONTAINER);
    if (event.key === "ArrowUp" && row.previousElementSibling) {
      row.parentNode.insertBefore(row, row.previousElementSibling);
    } else if (event.key === "ArrowDown" && row.nextElementSibling) {
      row.parentNode.insertBefore(row.nextElementSibling, row);
    }
    moved(container, row, handle);
  });

  // A click on the handle alone does nothing (it is not a submit button).
  document.addEventListener("click", (event) => {
    if (event.target.closest && event.target.closest(HANDLE)) event.preventDefault();
  });

  // -- drag and drop --------------------------------------------------------

  function arm(event) {
    const handle = event.target.closest && event.target.closest(HANDLE);
    if (handle) handle.closest(ROW).draggable = true;
  }
  document.addEventListener("pointerdown", arm);
  document.addEventListener("mousedown", arm);

  function disarm() {
    document.querySelectorAll(CONTAINER + " " + ROW + "[draggable=true]").forEach((row) => {
      row.draggable = false;
      row.classList.remove("step-row--dragging");
    });
  }
  document.addEventListener("pointerup", () => {
    if (!dragged) disarm();
  });

  document.addEventListener("dragstart", (event) => {
    const row = event.target.closest && event.target.closest(CONTAINER + " " + ROW);
    if (!row || !row.draggable) return;
    dragged = row;
    row.classList.add("step-row--dragging");
    event.dataTransfer.effectAllowed = "move";
    // Firefox starts a drag only with some data.
    event.dataTransfer.setData("text/plain", "");
  });

  document.addEventListener("dragover", (event) => {
    if (!dragged) return;
    const row = event.target.closest && event.target.closest(ROW);
    if (!row || row.parentNode !== dragged.parentNode) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    if (row === dragged) return;
    const box = row.getBoundingClientRect();
    const after = event.clientY > box.top + box.height / 2;
    row.parentNode.insertBefore(dragged, after ? row.nextElementSibling : row);
  });

  document.addEventListener("drop", (event) => {
    if (!dragged) return;
    event.preventDefault();
  });

  document.addEventListener("dragend", () => {
    if (!dragged) return;
    const row = dragged;
    dragged = null;
    disarm();
    moved(row.closest(CONTAINER), row, row.querySelector(HANDLE));
  });

  // -- setting up -----------------------------------------------------------

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(CONTAINER).forEach((container) => {
      showHandles(container);
      container.querySelectorAll("[data-reorder-help]").forEach((help) => {
        help.hidden = false;
      });
      // Rows added later are cloned from the template: their handle shows too.
      const template = container.querySelector("[data-formset-template]");
      if (template) showHandles(template.content);
    });
  });
})();
