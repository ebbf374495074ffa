/* Door mode: a button to take the whole screen where the browser allows it (a phone held at
 * the door shows nothing but the answer). Without JavaScript the page works as it is. */
(() => {
  "use strict";
  const button = document.getElementById("door-fullscreen");
  if (!button || !document.documentElement.requestFullscreen) return;
  button.classList.remove("is-hidden");
  button.addEventListener("click", () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen().catch(() => {});
  });
})();
