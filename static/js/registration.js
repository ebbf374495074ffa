// Registration form niceties; the form works fully without JavaScript.
(function () {
  "use strict";
  var form = document.querySelector(".registration-form");
  if (!form) { return; }
  // Keep people from sending twice while the first submission is under way.
  form.addEventListener("submit", function () {
    var button = form.querySelector("button[type=submit]");
    if (button) {
      window.setTimeout(function () { button.disabled = true; }, 0);
    }
  });
  // The e-mail address is stored in lower case; show it that way before sending.
  var email = form.querySelector("input[name=email]");
  if (email) {
    email.addEventListener("blur", function () { email.value = email.value.trim(); });
  }
  // Questions asked of some categories only: show those of the category chosen (without
  // JavaScript all are shown, marked with whom they are asked of, and the others are ignored).
  var category = form.querySelector("select[name=category]");
  var targeted = form.querySelectorAll(".question[data-categories]");
  function showAsked() {
    for (var i = 0; i < targeted.length; i++) {
      var asked = targeted[i].getAttribute("data-categories").split(" ");
      targeted[i].hidden = asked.indexOf(category.value) === -1;
    }
  }
  if (category && targeted.length) {
    category.addEventListener("change", showAsked);
    showAsked();
  }
}());
