/* The door page: scanner input (USB/Bluetooth scanners type the code + Enter), the camera via
 * BarcodeDetector where the browser has it, live search by name, undo, and live counts.
 * Without JavaScript the same forms post and the server renders the answer. */
(function () {
  "use strict";
  var root = document.getElementById("checkin");
  if (!root) { return; }
  var form = document.getElementById("checkin-form");
  var input = form.querySelector("input[name=code]");
  var csrf = form.querySelector("input[name=csrf_token]").value;
  var answerBox = document.getElementById("checkin-answer");
  var searchInput = document.querySelector(".checkin-search input[name=q]");
  var results = document.getElementById("search-results");
  var label = function (name) { return root.dataset["label" + name] || ""; };
  var busy = false;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok && !data.result) { throw new Error(data.error || response.statusText); }
        return data;
      });
    });
  }

  function setCounts(counts) {
    if (!counts || counts.checked_in === undefined) { return; }
    document.getElementById("count-checked-in").textContent = counts.checked_in;
    document.getElementById("count-confirmed").textContent = counts.confirmed;
  }

  function showError(message) {
    answerBox.replaceChildren();
    var box = el("div", "checkin-answer checkin-red");
    box.setAttribute("role", "status");
    box.appendChild(el("p", "checkin-headline", message || label("Network")));
    answerBox.appendChild(box);
  }

  function showAnswer(data) {
    answerBox.replaceChildren();
    var box = el("div", "checkin-answer checkin-" + data.colour);
    box.setAttribute("role", "status");
    box.appendChild(el("p", "checkin-headline", data.headline));
    var person = data.registration;
    if (person) {
      box.appendChild(el("p", "checkin-name", person.name));
      var meta = person.category_label + (person.affiliation ? " · " + person.affiliation : "");
      box.appendChild(el("p", "checkin-meta", meta));
    }
    if (data.detail) { box.appendChild(el("p", "checkin-detail", data.detail)); }
    if (person && (data.result === "checked_in" || data.result === "already_checked_in")) {
      var undo = el("button", "button checkin-undo", label("Undo"));
      undo.type = "button";
      undo.addEventListener("click", function () {
        post(root.dataset.undoUrl, { registration_id: person.id }).then(handle, failed);
      });
      box.appendChild(undo);
    }
    answerBox.appendChild(box);
    if (navigator.vibrate && data.colour === "red") { navigator.vibrate([80, 60, 80]); }
  }

  function handle(data) {
    busy = false;
    showAnswer(data);
    setCounts(data.counts);
    if (searchInput && searchInput.value.trim()) { search(); }
    refocus();
  }

  function failed(error) {
    busy = false;
    showError(error && error.message);
    refocus();
  }

  function refocus() {
    if (document.activeElement !== searchInput) { input.focus(); }
  }

  function scan(code) {
    if (busy || !code.trim()) { return; }
    busy = true;
    post(root.dataset.scanUrl, { code: code.trim() }).then(handle, failed);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var code = input.value;
    input.value = "";
    scan(code);
  });

  /* Live counts: other doors check people in too. */
  function refreshCounts() {
    fetch(root.dataset.countsUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(setCounts, function () {});
  }
  window.setInterval(refreshCounts, 10000);

  /* Search by name as you type. */
  var searchTimer = null;
  function renderResults(people) {
    results.replaceChildren();
    if (!people.length) { results.appendChild(el("li", "meta", label("NoResults"))); return; }
    people.forEach(function (person) {
      var item = el("li", "checkin-result");
      item.appendChild(el("span", "checkin-result-name", person.name));
      item.appendChild(el("span", "meta", person.category_label + (person.affiliation ? " · " + person.affiliation : "")));
      if (person.checked_in) {
        item.appendChild(el("span", "badge status-checked-in", label("CheckedIn")));
      } else if (person.status !== "confirmed") {
        item.appendChild(el("span", "badge status-" + person.status, person.status_label));
      } else {
        var button = el("button", "button", label("CheckIn"));
        button.type = "button";
        button.addEventListener("click", function () {
          post(root.dataset.scanUrl, { registration_id: person.id }).then(handle, failed);
        });
        item.appendChild(button);
      }
      results.appendChild(item);
    });
  }
  function search() {
    var query = searchInput.value.trim();
    if (!query) { results.replaceChildren(); return; }
    fetch(root.dataset.searchUrl + "?q=" + encodeURIComponent(query), {
      credentials: "same-origin", headers: { "Accept": "application/json" }
    }).then(function (response) { return response.json(); })
      .then(function (data) { renderResults(data.results || []); }, function () {});
  }
  if (searchInput) {
    searchInput.addEventListener("input", function () {
      window.clearTimeout(searchTimer);
      searchTimer = window.setTimeout(search, 250);
    });
  }

  /* The camera, where the browser can read QR codes itself. */
  var toggle = document.getElementById("camera-toggle");
  var video = document.getElementById("camera-video");
  var stream = null;
  var lastCode = "";
  var lastAt = 0;
  if ("BarcodeDetector" in window && navigator.mediaDevices && toggle) {
    window.BarcodeDetector.getSupportedFormats().then(function (formats) {
      if (formats.indexOf("qr_code") === -1) { return; }
      toggle.classList.remove("is-hidden");
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      function stop() {
        if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
        stream = null;
        video.classList.add("is-hidden");
        toggle.textContent = label("CameraStart");
      }
      function tick() {
        if (!stream) { return; }
        detector.detect(video).then(function (codes) {
          var now = Date.now();
          if (codes.length) {
            var value = codes[0].rawValue;
            // The same badge stays in view for a while: scan it once, not every frame.
            if (value !== lastCode || now - lastAt > 4000) { lastCode = value; lastAt = now; scan(value); }
          }
        }, function () {}).then(function () { window.setTimeout(tick, 250); });
      }
      toggle.addEventListener("click", function () {
        if (stream) { stop(); refocus(); return; }
        navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
          .then(function (media) {
            stream = media;
            video.srcObject = media;
            video.classList.remove("is-hidden");
            toggle.textContent = label("CameraStop");
            return video.play().then(tick);
          }, function () { showError(label("CameraError")); });
      });
    });
  }
  refocus();
}());
