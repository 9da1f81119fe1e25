/* Site-wide behaviour without inline script (CSP): the large-font (适老化) toggle, and a question
   before a form marked data-confirm (a destructive act) is sent. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute ? event.target.getAttribute("data-confirm") : null;
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });
  var KEY = "gongkai-large-font";
  var root = document.documentElement;
  function stored() {
    try { return window.localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }
  function apply(on) {
    root.classList.toggle("large-font", on);
    var buttons = document.querySelectorAll("[data-font-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
      buttons[i].textContent = on ? "标准版" : "大字版";
    }
  }
  // Applied before the body renders, so the page does not jump.
  root.classList.toggle("large-font", stored());
  document.addEventListener("DOMContentLoaded", function () {
    apply(stored());
    document.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-font-toggle]") : null;
      if (!button) { return; }
      var on = !root.classList.contains("large-font");
      try { window.localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
      apply(on);
    });
  });
})();
