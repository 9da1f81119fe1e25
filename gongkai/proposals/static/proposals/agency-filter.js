/* Agency checkboxes (协办单位, 配合单位) with a 筛选单位 box above them: typing hides the agencies whose
   name (or code) does not contain the text; a ticked agency always stays visible. CSP: no inline
   script. Without JavaScript there is no box and every checkbox shows; the box has no name, so the
   form sends what it sent before. */
(function () {
  "use strict";
  function enhance(fieldset, index) {
    var choices = fieldset.querySelectorAll("label.choice");
    var legend = fieldset.querySelector("legend");
    if (!choices.length || !legend) { return; }
    var id = "agency-filter-" + index;
    var box = document.createElement("div");
    box.className = "agency-filter";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = "筛选单位";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    input.setAttribute("data-agency-filter", "");
    var status = document.createElement("p");
    status.className = "help";
    status.id = id + "-status";
    status.setAttribute("role", "status");
    input.setAttribute("aria-describedby", status.id);
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(status);
    legend.insertAdjacentElement("afterend", box);
    fieldset.setAttribute("data-agency-filtered", "");

    function apply() {
      var query = input.value.trim().toLowerCase();
      var shown = 0;
      for (var i = 0; i < choices.length; i++) {
        var checkbox = choices[i].querySelector("input[type=checkbox]");
        var text = (choices[i].textContent + " " + (checkbox ? checkbox.value : "")).toLowerCase();
        var show = !query || text.indexOf(query) !== -1 || (checkbox && checkbox.checked);
        choices[i].hidden = !show;
        if (show) { shown++; }
      }
      status.textContent = query ? "显示 " + shown + " 个单位，共 " + choices.length + " 个（已勾选的始终显示）" : "";
    }
    input.addEventListener("input", apply);
    // Enter in the box filters; it does not send the form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }
    });
    apply();
  }
  document.addEventListener("DOMContentLoaded", function () {
    // The checkboxes carry data-agency-picker (AgencyPickerField); their fieldset gets the box.
    var checkboxes = document.querySelectorAll("input[type=checkbox][data-agency-picker]");
    var pickers = [];
    for (var i = 0; i < checkboxes.length; i++) {
      var fieldset = checkboxes[i].closest("fieldset");
      if (fieldset && pickers.indexOf(fieldset) === -1) { pickers.push(fieldset); }
    }
    for (var j = 0; j < pickers.length; j++) { enhance(pickers[j], j); }
  });
})();
