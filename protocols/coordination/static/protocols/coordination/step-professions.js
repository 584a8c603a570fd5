// « Qui » of a protocol's steps: the list offered while typing (a <datalist>,
// free text still allowed) holds the professions ticked on the protocol, kept
// up to date as they are ticked; the server writes the list of those saved.
(function () {
  "use strict";
  const list = document.getElementById("professions-etapes");
  if (!list) return;
  const boxes = Array.from(document.querySelectorAll('input[type="checkbox"][name="professions"]'));
  function labelOf(box) {
    const label = document.querySelector('label[for="' + box.id + '"]');
    return label ? label.textContent.trim() : "";
  }
  function refresh() {
    const options = boxes
      .filter((box) => box.checked)
      .map(labelOf)
      .filter((name) => name)
      .map((name) => {
        const option = document.createElement("option");
        option.value = name;
        return option;
      });
    list.replaceChildren(...options);
  }
  boxes.forEach((box) => box.addEventListener("change", refresh));
})();
