// The registration form's proof of work (ALTCHA's strict-CSP build): its PBKDF2 worker is a file
// of ours, not a blob: URL, so the CSP's script-src 'self' covers it. Without JavaScript none of
// this runs and the server holds the place until the e-mail address is confirmed.
(function () {
  "use strict";
  var widget = document.querySelector("altcha-widget[data-worker]");
  if (!widget || !window.$altcha) { return; }
  var worker = widget.getAttribute("data-worker");
  window.$altcha.algorithms.set("PBKDF2/SHA-256", function () { return new Worker(worker); });
  // Sent before the work is done (a quick autofill): finish it, then send. Whatever happens,
  // the form goes: without a solution the server still takes it, as a held place.
  var form = widget.closest("form");
  var waiting = false;
  form.addEventListener("submit", function (event) {
    var payload = form.querySelector("input[name=altcha]");
    if ((payload && payload.value) || typeof widget.verify !== "function") { return; }
    event.preventDefault();
    if (waiting) { return; }
    waiting = true;
    var send = function () { form.submit(); };
    Promise.resolve(widget.verify()).then(send, send);
  });
}());
