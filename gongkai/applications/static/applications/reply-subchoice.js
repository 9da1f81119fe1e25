/* The reply forms: show "本机关不掌握的情形" only for the outcome 本机关不掌握相关政府信息, and the agency
   responsible only when the information is not this agency's to disclose (Art. 36(五)). CSP: no inline
   script. Hidden parts are disabled, so they are not sent; without JavaScript every part stays visible
   and the server refuses what does not fit the outcome. */
(function () {
  "use strict";
  var NOT_HELD = "unable.not_held";
  function show(form, part, on) {
    var inputs = form.querySelectorAll('[data-reply-part="' + part + '"]');
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      var wrapper = input.closest(".field") || input;
      wrapper.hidden = !on;
      input.disabled = !on;
    }
  }
  function update(form) {
    var outcome = form.querySelector('select[name$="-outcome"]');
    var notHeld = outcome !== null && outcome.value === NOT_HELD;
    var chosen = form.querySelector('[data-reply-part="not_held"]:checked');
    show(form, "not_held", notHeld);
    show(form, "other_agency", notHeld && chosen !== null && chosen.value === "other_agency");
  }
  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll('form[data-action="reply"], form[data-action="draft_reply"]');
    for (var i = 0; i < forms.length; i++) {
      (function (form) {
        if (!form.querySelector("[data-reply-part]")) { return; }
        update(form);
        form.addEventListener("change", function () { update(form); });
      })(forms[i]);
    }
  });
})();
