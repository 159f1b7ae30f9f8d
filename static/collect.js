// Enhancements for the citizen form; the form works fully without this file.
(function () {
  "use strict";
  // On the receipt page: the draft was sent, forget it.
  var sent = document.querySelector("[data-clear-draft]");
  if (sent) {
    try { window.localStorage.removeItem(sent.getAttribute("data-clear-draft")); } catch (e) {}
    return;
  }
  var form = document.querySelector("form[data-draft-key]");
  if (!form) return;
  var key = form.getAttribute("data-draft-key");

  // Character counters under long-text answers.
  Array.prototype.forEach.call(form.querySelectorAll("textarea[data-counter]"), function (area) {
    var max = parseInt(area.getAttribute("maxlength"), 10) || 2000;
    var counter = document.createElement("p");
    counter.className = "counter";
    area.parentNode.insertBefore(counter, area.nextSibling);
    var update = function () { counter.textContent = area.value.length + " / " + max; };
    area.addEventListener("input", update);
    update();
  });

  // Keep a draft on this phone until it is sent, so a dropped connection loses nothing.
  var storage;
  try { storage = window.localStorage; storage.setItem(key + "-t", "1"); storage.removeItem(key + "-t"); }
  catch (e) { return; }
  var fields = form.querySelectorAll("textarea, input[type=radio], input[type=checkbox]");
  var save = function () {
    var draft = {};
    Array.prototype.forEach.call(fields, function (f) {
      if (f.tagName === "TEXTAREA") { if (f.value) draft[f.name] = f.value; }
      else if (f.checked) { (draft[f.name] = draft[f.name] || []).push(f.value); }
    });
    storage.setItem(key, JSON.stringify(draft));
  };
  var empty = Array.prototype.every.call(fields, function (f) {
    return f.tagName === "TEXTAREA" ? !f.value : !f.checked;
  });
  var saved = storage.getItem(key);
  if (saved && empty) {
    try {
      var draft = JSON.parse(saved);
      Array.prototype.forEach.call(fields, function (f) {
        var v = draft[f.name];
        if (v === undefined) return;
        if (f.tagName === "TEXTAREA") { f.value = v; f.dispatchEvent(new Event("input")); }
        else { f.checked = v.indexOf(f.value) !== -1; }
      });
    } catch (e) { storage.removeItem(key); }
  }
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", function () {
    var button = form.querySelector("button[type=submit]");
    // Block a second tap while the first is on its way (the server also ignores repeats);
    // allow a new try if the network never answers.
    setTimeout(function () { if (button) button.disabled = true; }, 0);
    setTimeout(function () { if (button) button.disabled = false; }, 8000);
  });
})();
