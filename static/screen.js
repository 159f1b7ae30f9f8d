// Projector screen: refresh the count and the words every few seconds from the JSON feed.
(function () {
  "use strict";
  var feed = document.body.getAttribute("data-feed");
  if (!feed || !window.fetch) return;
  var count = document.getElementById("count");
  var list = document.getElementById("words");
  var themes = document.getElementById("themes");
  function render(data) {
    count.textContent = data.count;
    if (themes) {
      if (!data.themes.length) return;
      while (themes.firstChild) themes.removeChild(themes.firstChild);
      data.themes.forEach(function (item) {
        var li = document.createElement("li");
        li.appendChild(document.createTextNode(item.label + " "));
        var n = document.createElement("span");
        n.className = "n";
        n.textContent = item.count;
        li.appendChild(n);
        themes.appendChild(li);
      });
      return;
    }
    var top = data.words.length ? data.words[0].count : 1;
    while (list.firstChild) list.removeChild(list.firstChild);
    data.words.forEach(function (item) {
      var li = document.createElement("li");
      li.className = "w" + (Math.round(item.count / top * 4) + 1);
      li.appendChild(document.createTextNode(item.word + " "));
      var n = document.createElement("span");
      n.className = "n";
      n.textContent = item.count;
      li.appendChild(n);
      list.appendChild(li);
    });
  }
  function poll() {
    fetch(feed, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) render(data); })
      .catch(function () {})
      .then(function () { setTimeout(poll, 4000); });
  }
  setTimeout(poll, 4000);
})();
