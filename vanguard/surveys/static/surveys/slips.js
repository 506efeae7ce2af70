// The slips page's print button (no inline script: the Content-Security-Policy refuses it).
(function () {
  "use strict";
  var button = document.querySelector("[data-print]");
  if (button) {
    button.addEventListener("click", function () { window.print(); });
  }
})();
