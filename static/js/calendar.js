// Copy-to-clipboard for feed addresses. Without JavaScript the address stays selectable.
(function () {
  "use strict";

  function copied(button, text) {
    var status = button.parentNode.parentNode.querySelector(".copy-status");
    if (status) {
      status.textContent = text;
    }
  }

  function copy(button) {
    var input = document.getElementById(button.getAttribute("data-copy-target"));
    if (!input) {
      return;
    }
    var done = button.getAttribute("data-copied") || "Copied";
    input.select();
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(input.value).then(
        function () { copied(button, done); },
        function () { copied(button, ""); }
      );
    } else if (document.execCommand && document.execCommand("copy")) {
      copied(button, done);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("button.copy-feed");
    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { copy(button); });
    });
    var inputs = document.querySelectorAll("input.feed-url");
    Array.prototype.forEach.call(inputs, function (input) {
      input.addEventListener("focus", function () { input.select(); });
    });
  });
}());
