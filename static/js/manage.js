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
