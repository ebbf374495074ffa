// Back office: ask before destructive buttons (forms marked .js-confirm). Works without JS too.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.classList.contains("js-confirm")) {
    if (!window.confirm(form.dataset.confirm || "Are you sure?")) {
      event.preventDefault();
    }
  }
});

// A text beside its translation (.translation-pair): a button starts the translation from the
// original, for the organiser to rewrite. Without JavaScript the field is simply empty.
for (const pair of document.querySelectorAll(".translation-pair[data-copy-label]")) {
  const [original, translation] = pair.querySelectorAll("input[type=text], input:not([type]), textarea");
  if (!original || !translation) continue;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button small";
  button.textContent = pair.dataset.copyLabel;
  button.addEventListener("click", () => {
    if (!translation.value.trim() || window.confirm(pair.dataset.copyConfirm)) {
      translation.value = original.value;
      translation.focus();
    }
  });
  translation.closest(".field")?.append(button);
}

// A long list of checkboxes (fieldset.checklist[data-filter], e.g. the organisations of an
// invitation): a search box above it hides the entries that do not match, accents and case
// ignored ("ostersund" finds "Östersund"); ticked ones stay in view. Without JavaScript the
// whole list is there, sorted as the reader's language sorts.
const fold = (text) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
for (const [index, list] of [...document.querySelectorAll("fieldset.checklist[data-filter]")].entries()) {
  const items = [...list.querySelectorAll(".field-check")];
  const box = document.createElement("div");
  box.className = "checklist-filter";
  const label = document.createElement("label");
  label.htmlFor = `checklist-filter-${index}`;
  label.textContent = list.dataset.filter;
  const input = document.createElement("input");
  input.type = "search";
  input.id = label.htmlFor;
  input.autocomplete = "off";
  box.append(label, input);
  list.querySelector("legend").after(box);
  input.addEventListener("input", () => {
    const wanted = fold(input.value.trim());
    for (const item of items) {
      const ticked = item.querySelector("input").checked;
      item.hidden = !(ticked || fold(item.textContent).includes(wanted));
    }
  });
}
