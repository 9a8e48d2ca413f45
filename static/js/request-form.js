// Progressive enhancement of the request form: while the citizen describes what they want,
// show catalog entries that may already be published. Without JavaScript the "Check what is
// already published" button does the same on the server.
(function () {
  // A link of the error summary puts the cursor in its field, not only scrolls to it.
  document.querySelectorAll("#errors a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (target) { event.preventDefault(); target.focus(); }
    });
  });
  var box = document.getElementById("suggestions");
  var field = document.getElementById("id_information");
  var agency = document.getElementById("id_agency");
  if (!box || !field || !window.fetch) { return; }
  var timer = null;
  var last = "";

  function render(results) {
    if (!results.length) { return; }
    box.textContent = "";
    var title = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = box.dataset.title;
    title.appendChild(strong);
    var list = document.createElement("ul");
    results.forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = entry.url;
      link.textContent = entry.title;
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(title);
    box.appendChild(list);
  }

  function lookUp() {
    var words = field.value.trim().split(/\s+/).slice(0, 6).join(" ");
    if (words.length < 4 || words === last) { return; }
    last = words;
    var params = new URLSearchParams({ q: words, page_size: "5" });
    fetch(box.dataset.api + "?" + params.toString(), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { render(data.results || []); })
      .catch(function () {});
  }

  field.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(lookUp, 500);
  });
  if (agency) { agency.addEventListener("change", lookUp); }
})();
