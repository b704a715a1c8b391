// Suggestions as a person types a town's name: links to each place's facts page.
// The page works without this script (the list of names and the server's answers).
(function () {
  "use strict";
  var input = document.getElementById("name");
  var box = document.getElementById("suggestions");
  if (!input || !box || !window.fetch) { return; }
  var timer = null;
  var asked = "";
  function show(items) {
    box.textContent = "";
    if (!items.length) { return; }
    var title = document.createElement("p");
    title.textContent = box.getAttribute("data-label");
    var list = document.createElement("ul");
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = input.getAttribute("data-facts") + "?town=" + encodeURIComponent(item.slug);
      a.textContent = item.label;
      li.appendChild(a);
      list.appendChild(li);
    });
    box.appendChild(title);
    box.appendChild(list);
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var typed = input.value.trim();
      if (typed.length < 2) { show([]); return; }
      asked = typed;
      fetch(input.getAttribute("data-suggest") + "?q=" + encodeURIComponent(typed))
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (items) { if (asked === typed) { show(items); } })
        .catch(function () { show([]); });
    }, 200);
  });
}());
