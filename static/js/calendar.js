// Copy-to-clipboard for feed addresses. Without JavaScript the address stays selectable.
// Timetable rows: a row's calendar is one link to its .ics (all there is without JavaScript);
// here it becomes a menu whose Google and Outlook links are built when it is first opened.
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

  var DETAILS_LIMIT = 900;  // as eventapp/calendar/links.py: well under URL length limits
  var OUTLOOK_PATH = "/calendar/0/action/compose";

  // "2027-01-22T12:15:00+01:00" -> "20270122T111500Z" (Google's form).
  function googleTime(iso) {
    return new Date(iso).toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
  }

  // "20270122T111500Z" (Google's form) -> "2027-01-22T11:15:00Z" (Outlook's).
  function outlookTime(t) {
    return t.slice(0, 4) + "-" + t.slice(4, 6) + "-" + t.slice(6, 11) + ":" +
      t.slice(11, 13) + ":" + t.slice(13);
  }

  function webLinks(menu, event) {
    var titleId = menu.querySelector("summary").getAttribute("aria-describedby");
    var title = document.getElementById(titleId).textContent.trim();
    var page = event.getAttribute("data-session-page") + "#" + titleId.replace(/-title$/, "");
    var details = (event.getAttribute("data-session-event") + "\n\n" + page).slice(0, DETAILS_LIMIT);
    var location = [menu.getAttribute("data-room"), event.getAttribute("data-session-location")]
      .filter(Boolean).join(", ");
    // The row's own <time datetime> (local, with its offset) in UTC, Google's form.
    var times = menu.closest(".timetable-rows > li").querySelectorAll(".timetable-time time");
    var start = googleTime(times[0].dateTime);
    var end = googleTime(times[times.length - 1].dateTime);
    var outlook = new URLSearchParams({
      rru: "addevent", subject: title, startdt: outlookTime(start), enddt: outlookTime(end),
      body: details, location: location, path: "/calendar/action/compose"
    }).toString();
    return [
      ["google", "https://calendar.google.com/calendar/render?" + new URLSearchParams({
        action: "TEMPLATE", text: title, dates: start + "/" + end, details: details,
        location: location
      }).toString()],
      ["outlook", "https://outlook.live.com" + OUTLOOK_PATH + "?" + outlook],
      ["office365", "https://outlook.office.com" + OUTLOOK_PATH + "?" + outlook]
    ].map(function (link) {
      var a = document.createElement("a");
      a.href = link[1];
      a.rel = "noopener";
      a.textContent = event.getAttribute("data-session-" + link[0]);
      a.setAttribute("aria-describedby", titleId);
      var item = document.createElement("li");
      item.appendChild(a);
      return item;
    });
  }

  function openSessionMenu(menu) {
    var event = document.querySelector("[data-session-page]");
    if (!menu.open || menu.hasAttribute("data-built") || !event) {
      return;
    }
    menu.setAttribute("data-built", "");
    var list = menu.querySelector(".session-calendar-links");
    webLinks(menu, event).forEach(function (item) { list.appendChild(item); });
  }

  // <a class="session-ics" …>Add to your calendar</a> ->
  // <details class="session-calendar"><summary>Add to your calendar</summary>
  //   <ul class="session-calendar-links"><li><a …>Download .ics</a></li></ul></details>
  function sessionMenu(link, event) {
    var menu = document.createElement("details");
    menu.className = "session-calendar";
    if (link.hasAttribute("data-room")) {
      menu.setAttribute("data-room", link.getAttribute("data-room"));
      link.removeAttribute("data-room");
    }
    var summary = document.createElement("summary");
    summary.textContent = link.textContent;
    summary.setAttribute("aria-describedby", link.getAttribute("aria-describedby"));
    var list = document.createElement("ul");
    list.className = "session-calendar-links";
    var item = document.createElement("li");
    link.parentNode.replaceChild(menu, link);
    link.removeAttribute("class");
    link.textContent = event.getAttribute("data-session-download");
    item.appendChild(link);
    list.appendChild(item);
    menu.appendChild(summary);
    menu.appendChild(list);
  }

  function sessionMenus() {
    var event = document.querySelector("[data-session-page]");
    if (!event) {
      return;
    }
    var links = document.querySelectorAll("a.session-ics");
    Array.prototype.forEach.call(links, function (link) { sessionMenu(link, event); });
  }

  // "toggle" does not bubble: one capturing listener serves every row.
  document.addEventListener("toggle", function (e) {
    if (e.target.classList && e.target.classList.contains("session-calendar")) {
      openSessionMenu(e.target);
    }
  }, true);

  document.addEventListener("DOMContentLoaded", function () {
    sessionMenus();
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
