// A table wider than its box scrolls sideways (.table-responsive): keyboard
// users must be able to reach that scroll (WCAG 2.1.1, axe
// « scrollable-region-focusable »). While it overflows, the box becomes a
// focusable region named by the table's caption; when it fits again, it
// leaves the tab order.
(function () {
  "use strict";
  var counter = 0;

  function update(box) {
    var overflows = box.scrollWidth > box.clientWidth + 1;
    if (overflows && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.dataset.scrollRegion = "true";
      var caption = box.querySelector("caption");
      if (caption) {
        if (!caption.id) {
          counter += 1;
          caption.id = "tableau-defilant-" + counter;
        }
        box.setAttribute("aria-labelledby", caption.id);
      }
    } else if (!overflows && box.dataset.scrollRegion) {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-labelledby");
      delete box.dataset.scrollRegion;
    }
  }

  function start() {
    var boxes = document.querySelectorAll(".table-responsive");
    boxes.forEach(update);
    if ("ResizeObserver" in window) {
      var observer = new ResizeObserver(function (entries) {
        entries.forEach(function (entry) { update(entry.target); });
      });
      boxes.forEach(function (box) { observer.observe(box); });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
