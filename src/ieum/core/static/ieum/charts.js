// Bar charts from figures the page embeds with json_script: the CSP allows no inline script.
// A canvas names its data: <canvas data-chart="chart-x"> reads <script id="chart-x">.
// The data: {labels, datasets: [{label, data}], unit, axis, horizontal, integer}.
// `integer` keeps the value axis to whole numbers, for counts.
(() => {
  if (typeof Chart === "undefined") {
    return;
  }
  const numbers = new Intl.NumberFormat(document.documentElement.lang || "ko", {
    maximumFractionDigits: 1,
  });
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;

  const draw = (canvas) => {
    const source = document.getElementById(canvas.dataset.chart);
    if (!source || canvas.dataset.drawn) {
      return;
    }
    const spec = JSON.parse(source.textContent);
    const horizontal = Boolean(spec.horizontal);
    const valueAxis = horizontal ? "x" : "y";
    const unit = spec.unit || "";
    const valueScale = {
      beginAtZero: true,
      ticks: { callback: (value) => `${numbers.format(value)}${unit === "%" ? "%" : ""}` },
      title: { display: Boolean(spec.axis), text: spec.axis },
    };
    if (spec.integer) {
      valueScale.ticks.precision = 0;
    }
    const options = {
      indexAxis: horizontal ? "y" : "x",
      responsive: true,
      plugins: {
        legend: { display: spec.datasets.length > 1, position: "bottom" },
        tooltip: {
          callbacks: {
            label: (item) => {
              const value = numbers.format(item.parsed[valueAxis]);
              return `${item.dataset.label}: ${value}${unit === "%" ? "%" : ` ${unit}`}`;
            },
          },
        },
      },
      scales: { [valueAxis]: valueScale },
    };
    if (reducedMotion) {
      options.animation = false;
    }
    canvas.dataset.drawn = "true";
    const data = { labels: spec.labels, datasets: spec.datasets };
    new Chart(canvas, { type: spec.type || "bar", data, options });
  };

  const drawAll = (root) => root.querySelectorAll("canvas[data-chart]").forEach(draw);
  drawAll(document);
  // Charts that arrive with an htmx swap.
  document.body.addEventListener("htmx:afterSettle", (event) => drawAll(event.target));
})();
