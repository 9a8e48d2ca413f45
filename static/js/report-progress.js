// Follows a report's compilation: updates the progress bar, then reloads when the figures are
// ready. Without JavaScript the page refreshes itself (a <noscript> refresh in its head).
(function () {
  var box = document.querySelector("[data-progress-url]");
  if (!box) { return; }
  var bar = document.getElementById("report-progress");
  var text = document.getElementById("progress-text");
  function poll() {
    fetch(box.dataset.progressUrl, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        bar.value = data.progress;
        bar.textContent = data.progress + "%";
        text.textContent = data.progress + "% — " + data.state_label;
        if (data.done) { window.location.reload(); } else { window.setTimeout(poll, 1500); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
