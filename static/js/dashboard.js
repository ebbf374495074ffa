/* The dashboard's check-in counter, live while the door is open: the door page's own count
 * (badges.checkin_counts), asked every 20 seconds while the page is visible. */
(() => {
  "use strict";
  const board = document.getElementById("dashboard");
  if (!board || !board.hasAttribute("data-live")) return;
  const checkedIn = document.getElementById("dashboard-checked-in");
  const confirmed = document.getElementById("dashboard-confirmed");
  function refresh() {
    if (document.hidden) return;
    fetch(board.dataset.countsUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : null))
      .then((counts) => {
        if (!counts) return;
        checkedIn.textContent = counts.checked_in;
        confirmed.textContent = counts.confirmed;
      })
      .catch(() => {});
  }
  setInterval(refresh, 20000);
  document.addEventListener("visibilitychange", refresh);
})();
