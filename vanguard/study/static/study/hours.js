// The attendance checklist's "select all" box, without inline script (the CSP forbids it).
// Without JavaScript the box stays hidden and the page's "Tick everyone" link does the same.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-select-all]").forEach(function (all) {
      var group = all.getAttribute("data-select-all");
      var boxes = document.querySelectorAll(
        "input[type=checkbox][data-group='" + group + "']:not(:disabled)");
      var holder = all.closest("[data-select-all-holder]");
      if (holder) { holder.classList.remove("d-none"); }
      all.addEventListener("change", function () {
        boxes.forEach(function (box) { box.checked = all.checked; });
      });
    });
  });
})();
