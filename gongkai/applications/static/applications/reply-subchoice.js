/* The reply forms: show "本机关不掌握的情形" only for the outcome 本机关不掌握相关政府信息, and the agency
   responsible only when the information is not this agency's to disclose (Art. 36(五)), whose reply
   must give reasons: 理由 is then marked required. CSP: no inline script. Hidden parts are disabled,
   so they are not sent; without JavaScript every part stays visible, (四) is preselected, the form
   drops the sub-choice for another outcome, and the server marks 理由 when it sends (五) back. */
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
  function markRequired(form, input, on) {
    var label = input && form.querySelector('label[for="' + input.id + '"]');
    if (!label) { return; }
    var mark = label.querySelector(".required-mark");
    if (on && mark === null) {
      mark = document.createElement("span");
      mark.className = "required-mark";
      mark.setAttribute("aria-hidden", "true");
      mark.textContent = "*";
      label.appendChild(document.createTextNode(" "));
      label.appendChild(mark);
    }
    if (mark !== null) { mark.hidden = !on; }
    if (on) { input.setAttribute("aria-required", "true"); } else { input.removeAttribute("aria-required"); }
  }
  function update(form) {
    var outcome = form.querySelector('select[name$="-outcome"]');
    var notHeld = outcome !== null && outcome.value === NOT_HELD;
    var chosen = form.querySelector('[data-reply-part="not_held"]:checked');
    var otherAgency = notHeld && chosen !== null && chosen.value === "other_agency";
    show(form, "not_held", notHeld);
    show(form, "other_agency", otherAgency);
    markRequired(form, form.querySelector('textarea[name$="-reason"]'), otherAgency);
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
