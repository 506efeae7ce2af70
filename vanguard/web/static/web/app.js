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
})();
