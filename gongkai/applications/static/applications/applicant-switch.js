/* The application form: show the natural-person or the organisation part (CSP: no inline script).
   Without JavaScript both parts stay visible and the server uses the one chosen. */
(function () {
  "use strict";
  function update(form) {
    var chosen = form.querySelector("[data-applicant-switch]:checked");
    var kind = chosen ? chosen.value : "person";
    var parts = form.querySelectorAll("[data-applicant-part]");
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i];
      var show = part.getAttribute("data-applicant-part") === kind;
      part.hidden = !show;
      part.disabled = !show;
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form.application-form");
    for (var i = 0; i < forms.length; i++) {
      (function (form) {
        if (!form.querySelector("[data-applicant-switch]")) { return; }
        update(form);
        form.addEventListener("change", function (event) {
          if (event.target.matches("[data-applicant-switch]")) { update(form); }
        });
      })(forms[i]);
    }
  });
})();
