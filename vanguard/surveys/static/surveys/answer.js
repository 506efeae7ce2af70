// A member's link or slip carries the code after "#": the fragment never reaches the server
// (nor its logs); copy it into the code field so the member need not type it.
(function () {
  "use strict";
  var code = decodeURIComponent((window.location.hash || "").replace(/^#/, ""));
  var input = document.querySelector("[data-answer-token]");
  if (code && input && !input.value) {
    input.value = code.slice(0, 100);
    history.replaceState(null, "", window.location.pathname);
  }
})();
