/* Progress of a large badge PDF: polls the job's JSON and offers the download when done. */
(function () {
  "use strict";
  var box = document.getElementById("badge-job");
  if (!box) { return; }
  var bar = box.querySelector("progress");
  var status = box.querySelector(".badge-job-status");
  var done = box.querySelector(".badge-job-done");
  var download = box.querySelector(".badge-job-download");

  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        bar.value = job.percent;
        bar.textContent = job.percent + " %";
        done.textContent = job.done;
        if (job.status === "done") {
          status.textContent = box.dataset.labelDone;
          download.classList.remove("is-hidden");
          if (job.download_url) { window.location.assign(job.download_url); }
        } else if (job.status === "failed") {
          status.textContent = box.dataset.labelFailed;
        } else {
          window.setTimeout(poll, 1000);
        }
      }, function () { window.setTimeout(poll, 3000); });
  }
  if (!download.classList.contains("is-hidden")) { return; }
  poll();
}());
