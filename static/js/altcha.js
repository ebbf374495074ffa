// The registration form's proof of work (ALTCHA's strict-CSP build): its PBKDF2 worker is a file
// of ours, not a blob: URL, so the CSP's script-src 'self' covers it. Without JavaScript none of
// this runs and the server holds the place until the e-mail address is confirmed.
(function () {
  "use strict";
  var widget = document.querySelector("altcha-widget[data-worker]");
  if (!widget || !window.$altcha) { return; }
  var worker = widget.getAttribute("data-worker");
  window.$altcha.algorithms.set("PBKDF2/SHA-256", function () { return new Worker(worker); });
}());
