// Opinion forms and the receipt page, without inline scripts (the Content-Security-Policy
// forbids those): a character counter, one submit per click, and keeping the receipt code.
(function () {
  "use strict";

  // <textarea data-count-max="2000" id="x"> with <span data-count-for="x">: characters typed.
  function count(area) {
    var out = document.querySelector("[data-count-for='" + area.id + "']");
    if (!out) { return; }
    var max = parseInt(area.getAttribute("data-count-max"), 10);
    var n = area.value.replace(/\r\n/g, "\n").length;
    out.textContent = n + " / " + max;
    out.classList.toggle("text-danger", n > max);
  }
  document.querySelectorAll("textarea[data-count-max]").forEach(function (area) {
    count(area);
    area.addEventListener("input", function () { count(area); });
  });

  // <form data-once>: a double click sends the form once; the server refuses a second
  // sending of the same form anyway (its one-time nonce).
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function () {
      window.setTimeout(function () {
        form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
      }, 0);
    });
  });

  // The receipt page: the code is shown once. Copy it; leaving asks first until the giver
  // ticks that they kept it, and only then is "Continue" enabled.
  var receipt = document.querySelector("[data-receipt]");
  if (!receipt) { return; }
  var kept = receipt.querySelector("[data-kept]");
  var next = receipt.querySelector("[data-continue]");
  var copy = receipt.querySelector("[data-copy]");
  var code = receipt.querySelector("[data-code]");
  function warn(event) {
    event.preventDefault();
    event.returnValue = "";
    return "";
  }
  function update() {
    var ok = kept.checked;
    next.classList.toggle("disabled", !ok);
    next.setAttribute("aria-disabled", ok ? "false" : "true");
    if (ok) {
      next.removeAttribute("tabindex");
      window.removeEventListener("beforeunload", warn);
    } else {
      next.setAttribute("tabindex", "-1");
      window.addEventListener("beforeunload", warn);
    }
  }
  next.addEventListener("click", function (event) {
    if (!kept.checked) { event.preventDefault(); }
  });
  kept.addEventListener("change", update);
  update();
  if (copy && code) {
    copy.classList.remove("d-none");
    copy.addEventListener("click", function () {
      var text = code.textContent.trim();
      var done = function () { copy.textContent = copy.getAttribute("data-copied"); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () {});
      } else {
        var range = document.createRange();
        range.selectNodeContents(code);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        try { document.execCommand("copy"); done(); } catch (e) {}
      }
    });
  }
})();
