// Small behaviours without inline scripts (the Content-Security-Policy forbids those).
(function () {
  "use strict";
  // <form data-confirm="…">: ask before a weighty action (closing a phase, approving a plan).
  document.addEventListener("submit", function (event) {
    var text = event.target.getAttribute("data-confirm");
    if (text && !window.confirm(text)) { event.preventDefault(); }
  });
  // HTMX needs the CSRF token on its requests; it is read from the page's cookie-less meta.
  document.body.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) { event.detail.headers["X-CSRFToken"] = token.value; }
  });
  // Charts: <div class="vg-chart" data-chart="id-of-json-script">.
  function drawCharts() {
    if (!window.echarts) { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-chart"));
      if (!source) { return; }
      var data = JSON.parse(source.textContent);
      var chart = window.echarts.init(el);
      chart.setOption({
        tooltip: { trigger: "axis" },
        grid: { left: 8, right: 8, bottom: 8, top: 24, containLabel: true },
        xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
        yAxis: { type: "category", data: data.labels, inverse: true },
        series: [{ type: "bar", data: data.values, itemStyle: { color: "#b71c1c" },
                   label: { show: true, position: "right", formatter: "{c}%" } }]
      });
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  document.addEventListener("DOMContentLoaded", drawCharts);

  // <form data-keep-draft="key">: every typed value is kept in the browser until the form
  // is accepted, so an expired session, a closed tab or a refused save loses nothing.
  function draftKey(form) { return "vanguard-draft:" + form.getAttribute("data-keep-draft"); }
  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.name !== "version" &&
        el.type !== "hidden" && el.type !== "file" && el.type !== "submit";
    });
  }
  function saveDraft(form) {
    var data = {};
    fields(form).forEach(function (el) { data[el.name] = el.value; });
    try { window.localStorage.setItem(draftKey(form), JSON.stringify(data)); } catch (e) {}
  }
  function restoreDraft(form) {
    var raw = null;
    try { raw = window.localStorage.getItem(draftKey(form)); } catch (e) {}
    if (!raw) { return; }
    var data = JSON.parse(raw), restored = false;
    fields(form).forEach(function (el) {
      if (Object.prototype.hasOwnProperty.call(data, el.name) && el.value !== data[el.name]) {
        el.value = data[el.name];
        restored = true;
      }
    });
    var note = form.querySelector("[data-draft-note]");
    if (restored && note) { note.classList.remove("d-none"); }
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-keep-draft]").forEach(function (form) {
      // A page that says the save was accepted clears the kept draft.
      if (document.querySelector("[data-draft-saved='" + form.getAttribute("data-keep-draft") + "']")) {
        try { window.localStorage.removeItem(draftKey(form)); } catch (e) {}
        return;
      }
      restoreDraft(form);
      form.addEventListener("input", function () { saveDraft(form); });
    });
    document.querySelectorAll("[data-draft-saved]").forEach(function (marker) {
      try {
        window.localStorage.removeItem("vanguard-draft:" + marker.getAttribute("data-draft-saved"));
      } catch (e) {}
    });
  });
})();
