/* Marks each .table-scroll box whose table is wider than the box (tables.css shows the hint). */
(function () {
  "use strict";
  function mark() {
    var boxes = document.querySelectorAll(".table-scroll");
    for (var i = 0; i < boxes.length; i++) {
      boxes[i].classList.toggle("is-overflowing", boxes[i].scrollWidth > boxes[i].clientWidth + 1);
    }
  }
  document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", mark);
  window.addEventListener("load", mark);
})();
