// Vote screen: fetch the page again every few seconds and swap in the results, so the
// projector never flashes a reload (without JavaScript a <noscript> refresh does it).
(function () {
  "use strict";
  var seconds = parseInt(document.body.getAttribute("data-refresh") || "", 10);
  var live = document.querySelector(".live");
  if (!seconds || !live || !window.fetch || !window.DOMParser) return;
  function poll() {
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector(".live");
        if (fresh) live.replaceChildren.apply(live, Array.prototype.slice.call(fresh.childNodes));
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, seconds * 1000); });
  }
  setTimeout(poll, seconds * 1000);
})();
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
      if (!data.themes.length) return;  // the page's own sentence stays until themes come
      while (themes.firstChild) themes.removeChild(themes.firstChild);
      data.themes.forEach(function (item) {
        var li = document.createElement("li");
        var label = document.createElement("span");
        label.className = "label";
        label.textContent = item.label;
        li.appendChild(label);
        li.appendChild(document.createTextNode("\u00a0"));  // the count stays by the last word
        var n = document.createElement("span");
        n.className = "n";
        n.textContent = item.count;
        li.appendChild(n);
        themes.appendChild(li);
      });
      var state = document.getElementById("live-state");
      if (state) state.textContent = data.state || "";
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
