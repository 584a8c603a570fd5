/* Tables edited row by row (protocols/coordination/_formset.html, the
 * session log's follow-ups): add a row from the formset's empty form, move a
 * row up or down, mark one for removal. The ORDER fields are renumbered after
 * each move; the server orders the rows by them, and nothing typed is lost
 * before the form is sent.
 *
 * Rows added only as needed: a blank row the server renders for browsers
 * without JavaScript carries data-formset-blank and is removed on load; an
 * add button rendered `hidden` is shown then (and hidden again at the
 * maximum); "__number__" in the empty form becomes the row's number (its
 * group label). */
(function () {
  "use strict";

  function renumber(container) {
    const rows = container.querySelectorAll("[data-formset-body] > [data-formset-row]");
    rows.forEach((row, index) => {
      const order = row.querySelector("[data-formset-order]");
      if (order) order.value = String(index + 1);
    });
  }

  function addRow(container) {
    const prefix = container.dataset.formset;
    const total = container.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
    const max = container.querySelector(`input[name="${prefix}-MAX_NUM_FORMS"]`);
    const index = parseInt(total.value, 10);
    if (max && index >= parseInt(max.value, 10)) return;
    const template = container.querySelector("[data-formset-template]");
    const html = template.innerHTML
      .replace(/__prefix__/g, String(index))
      .replace(/__number__/g, String(index + 1));
    const body = container.querySelector("[data-formset-body]");
    body.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    renumber(container);
    const added = body.lastElementChild;
    const first = added && added.querySelector("input:not([type=hidden]), textarea, select");
    if (first) first.focus();
    if (max && index + 1 >= parseInt(max.value, 10)) {
      const button = container.querySelector("[data-formset-add]");
      if (button) button.hidden = true;
    }
  }

  function dropBlankRows(container) {
    const blank = container.querySelectorAll("[data-formset-body] > [data-formset-blank]");
    if (!blank.length) return;
    blank.forEach((row) => row.remove());
    const prefix = container.dataset.formset;
    const total = container.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
    total.value = String(container.querySelectorAll("[data-formset-body] > [data-formset-row]").length);
    const add = container.querySelector("[data-formset-add][hidden]");
    if (add) add.hidden = false;
  }

  function moveRow(button) {
    const row = button.closest("[data-formset-row]");
    const container = button.closest("[data-formset]");
    if (button.dataset.formsetMove === "up" && row.previousElementSibling) {
      row.parentNode.insertBefore(row, row.previousElementSibling);
    } else if (button.dataset.formsetMove === "down" && row.nextElementSibling) {
      row.parentNode.insertBefore(row.nextElementSibling, row);
    }
    renumber(container);
    button.focus();
  }

  document.addEventListener("click", (event) => {
    const add = event.target.closest("[data-formset-add]");
    if (add) {
      addRow(add.closest("[data-formset]"));
      return;
    }
    const move = event.target.closest("[data-formset-move]");
    if (move) moveRow(move);
  });

  document.addEventListener("change", (event) => {
    const box = event.target.closest("[data-formset-delete]");
    if (box) box.closest("[data-formset-row]").classList.toggle("formset-row--deleted", box.checked);
  });

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-formset]").forEach((container) => {
      dropBlankRows(container);
      if (container.querySelector("[data-formset-order]")) renumber(container);
    });
  });
})();
