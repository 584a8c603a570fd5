/* Rows added as needed in a formset ([data-formset="prefix"]): the blank
 * row the server renders for browsers without JavaScript is removed, and the
 * "Ajouter une action" button clones the empty form (<template
 * data-formset-empty>, "__prefix__" and "__number__" replaced), updates
 * TOTAL_FORMS and puts the focus in the new row. */
(function () {
  "use strict";

  function setUp(box) {
    const prefix = box.dataset.formset;
    const total = box.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
    const rows = box.querySelector("[data-formset-rows]");
    const template = box.querySelector("template[data-formset-empty]");
    const add = box.querySelector("[data-formset-add]");
    if (!total || !rows || !template || !add) return;
    const max = parseInt(box.dataset.formsetMax || "1000", 10);

    rows.querySelectorAll("[data-blank-row]").forEach((row) => row.remove());
    total.value = String(rows.children.length);
    add.hidden = parseInt(total.value, 10) >= max;

    add.addEventListener("click", () => {
      const index = parseInt(total.value, 10);
      if (index >= max) return;
      const html = template.innerHTML
        .replace(/__prefix__/g, String(index))
        .replace(/__number__/g, String(index + 1));
      rows.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      const first = rows.lastElementChild.querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
      if (index + 1 >= max) add.hidden = true;
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-formset]").forEach(setUp);
  });
})();
