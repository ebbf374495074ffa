// Live preview of a blog post's Markdown: the server renders and sanitises, we only show it.
(function () {
  "use strict";
  var body = document.getElementById("body_md");
  var preview = document.getElementById("blog-preview");
  if (!body || !preview || !window.fetch) {
    return;
  }
  var form = body.form;
  var tokenInput = form && form.querySelector("input[name=csrf_token]");
  var url = preview.getAttribute("data-preview-url");
  var timer = null;
  var sent = 0;

  function refresh() {
    var ticket = ++sent;
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRFToken": tokenInput ? tokenInput.value : ""
      },
      body: JSON.stringify({ body: body.value })
    })
      .then(function (response) {
        if (!response.ok) { throw new Error("preview " + response.status); }
        return response.json();
      })
      .then(function (data) {
        // Only the answer to the latest keystroke is shown; the HTML is sanitised by the server.
        if (ticket === sent) { preview.innerHTML = data.html; }
      })
      .catch(function () { preview.setAttribute("data-preview-failed", "1"); });
  }

  body.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 300);
  });
  refresh();
})();
