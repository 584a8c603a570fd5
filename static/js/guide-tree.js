/* The editors' tree of the guide (guide/tree.html): pages dragged by their
 * handle before or after another page, or into a page's list of sub-pages;
 * from the keyboard, the handle focused, Alt + ↑ / ↓ among the siblings,
 * Alt + → under the page above (as its last sub-page), Alt + ← out of the
 * parent (just after it). Each page's hidden `ordre` field says
 * « page:parent »; « Enregistrer l'ordre » sends them all, in the tree's
 * order (guide/views/tree.py). Drag and drop: static/js/drag-reorder.js. */
(function () {
  "use strict";

  const ITEM = "[data-tree-item]";
  const LIST = "[data-tree-list]";

  function childList(item) {
    return item.querySelector(":scope > " + LIST);
  }

  window.GecoReorder.attach({
    container: "[data-tree]",
    item: ITEM,
    handle: "[data-reorder-handle]",
    draggingClass: "guide-tree__item--dragging",

    dragOver(dragged, event) {
      const target = event.target.closest && event.target.closest(ITEM + ", " + LIST);
      if (!target || !target.closest("[data-tree]") || dragged.contains(target)) return false;
      if (target.matches(LIST)) {
        // An empty list of sub-pages (or the gap below the last page): at its end.
        if (!target.querySelector(":scope > " + ITEM)) target.appendChild(dragged);
        return true;
      }
      const row = target.querySelector(":scope > .guide-tree__row") || target;
      const box = row.getBoundingClientRect();
      const after = event.clientY > box.top + box.height / 2;
      target.parentNode.insertBefore(dragged, after ? target.nextSibling : target);
      return true;
    },

    keys: {
      ArrowRight(item) {
        let above = item.previousElementSibling;
        while (above && !above.matches(ITEM)) above = above.previousElementSibling;
        if (above) childList(above).appendChild(item);
      },
      ArrowLeft(item) {
        const parent = item.parentNode.closest(ITEM);
        if (parent) parent.parentNode.insertBefore(item, parent.nextSibling);
      },
    },

    moved(container, item) {
      container.querySelectorAll(ITEM).forEach((each) => {
        const list = each.parentNode.closest(LIST);
        each.querySelector(":scope > [data-tree-order]").value =
          each.dataset.pk + ":" + (list ? list.dataset.parent : "");
      });
      const dirty = container.querySelector("[data-tree-dirty]");
      if (dirty) dirty.hidden = false;
    },

    ready(container) {
      container.querySelectorAll("[data-tree-save]").forEach((el) => {
        el.hidden = false;
      });
      document.querySelectorAll("[data-tree-help]").forEach((el) => {
        el.hidden = false;
      });
    },
  });
})();
