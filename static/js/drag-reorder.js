/* Reordering items of a list by drag and drop or by keyboard: the shared
 * piece of the portal's reorderable lists (the guide's tree, static/js/guide-tree.js;
 * the protocol steps, protocols/coordination/static/protocols/coordination/step-order.js).
 *
 * Each item has a handle (a button, shown by the script only): drag the item
 * by it, or, the handle focused, press Alt + ↑ / Alt + ↓ (and whatever other
 * Alt + key the list adds). An item becomes draggable only while its handle
 * is held, so text can still be selected. Each move is said in the
 * container's live region ([data-reorder-status]) with the container's
 * data-reorder-message ({position}, {total}). Native HTML5 drag and drop.
 *
 *   GecoReorder.attach({
 *     container: "[data-tree]", item: "[data-tree-item]", handle: "[data-reorder-handle]",
 *     draggingClass: "…",
 *     dragOver(dragged, event) { …moves `dragged` in the DOM; true if the drop is allowed },
 *     keys: { ArrowRight(item) { … } },   // more Alt + key moves (optional)
 *     moved(container, item) { … },       // after each move (renumber, mark as changed)
 *   });
 */
(function () {
  "use strict";

  function siblingsOf(item, selector) {
    return Array.from(item.parentNode.children).filter((el) => el.matches(selector));
  }

  function announce(container, item, itemSelector) {
    const status = container.querySelector("[data-reorder-status]");
    if (!status) return;
    const all = siblingsOf(item, itemSelector);
    const message = (container.dataset.reorderMessage || "")
      .replace("{position}", String(all.indexOf(item) + 1))
      .replace("{total}", String(all.length));
    // A new text each time, even for the same position, so it is read again.
    status.textContent = "";
    window.setTimeout(() => {
      status.textContent = message;
    }, 50);
  }

  function attach(options) {
    const { container: CONTAINER, item: ITEM, handle: HANDLE } = options;
    const dragging = options.draggingClass || "reorder--dragging";
    let dragged = null;

    function done(item, handle) {
      const container = item.closest(CONTAINER);
      if (options.moved) options.moved(container, item);
      if (handle) handle.focus();
      announce(container, item, ITEM);
    }

    document.addEventListener("keydown", (event) => {
      const handle = event.target.closest && event.target.closest(HANDLE);
      if (!handle || !event.altKey || !handle.closest(CONTAINER)) return;
      const item = handle.closest(ITEM);
      const extra = (options.keys || {})[event.key];
      if (event.key === "ArrowUp" || event.key === "ArrowDown") {
        event.preventDefault();
        const all = siblingsOf(item, ITEM);
        const index = all.indexOf(item);
        if (event.key === "ArrowUp" && index > 0) {
          item.parentNode.insertBefore(item, all[index - 1]);
        } else if (event.key === "ArrowDown" && index < all.length - 1) {
          item.parentNode.insertBefore(item, all[index + 1].nextSibling);
        }
        done(item, handle);
      } else if (extra) {
        event.preventDefault();
        extra(item);
        done(item, handle);
      }
    });

    // A click on the handle alone does nothing (it is not a submit button).
    document.addEventListener("click", (event) => {
      const handle = event.target.closest && event.target.closest(HANDLE);
      if (handle && handle.closest(CONTAINER)) event.preventDefault();
    });

    function arm(event) {
      const handle = event.target.closest && event.target.closest(HANDLE);
      if (handle && handle.closest(CONTAINER)) handle.closest(ITEM).draggable = true;
    }
    document.addEventListener("pointerdown", arm);
    document.addEventListener("mousedown", arm);

    function disarm() {
      document.querySelectorAll(CONTAINER + " " + ITEM + "[draggable=true]").forEach((item) => {
        item.draggable = false;
        item.classList.remove(dragging);
      });
    }
    document.addEventListener("pointerup", () => {
      if (!dragged) disarm();
    });

    document.addEventListener("dragstart", (event) => {
      const item = event.target.closest && event.target.closest(CONTAINER + " " + ITEM);
      if (!item || !item.draggable) return;
      dragged = item;
      item.classList.add(dragging);
      event.dataTransfer.effectAllowed = "move";
      // Firefox starts a drag only with some data.
      event.dataTransfer.setData("text/plain", "");
    });

    document.addEventListener("dragover", (event) => {
      if (!dragged) return;
      if (options.dragOver(dragged, event)) {
        event.preventDefault();
        event.dataTransfer.dropEffect = "move";
      }
    });

    document.addEventListener("drop", (event) => {
      if (dragged) event.preventDefault();
    });

    document.addEventListener("dragend", () => {
      if (!dragged) return;
      const item = dragged;
      dragged = null;
      disarm();
      done(item, item.querySelector(HANDLE));
    });

    function setUp() {
      document.querySelectorAll(CONTAINER).forEach((container) => {
        container.querySelectorAll(HANDLE).forEach((handle) => {
          handle.hidden = false;
        });
        if (options.ready) options.ready(container);
      });
    }
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", setUp);
    } else {
      setUp();
    }
  }

  window.GecoReorder = { attach };
})();
