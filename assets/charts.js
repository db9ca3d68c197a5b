// Trend charts on the scorecard, drawn with Chart.js (build/static/chartjs, loaded before this script) from the
// table each chart sits above: the table is the chart's data and stays on the page, so the figures are there with
// JavaScript off, and a screen reader reads the table and the summary rather than the picture. A value withheld
// from the table (a small number for a viewer who sees counts only) is a gap in the line, never a zero.

function valuesOf(table, column) {
  return Array.from(table.querySelectorAll("tbody tr")).map((row) => {
    const cell = row.querySelectorAll("td")[column];
    const value = cell ? cell.dataset.value : "";
    return value === undefined || value === "" ? null : Number(value);
  });
}

function draw(figure) {
  const table = figure.querySelector("table");
  const canvas = figure.querySelector("canvas");
  if (!table || !canvas || typeof window.Chart === "undefined") {
    return;
  }
  const labels = Array.from(table.querySelectorAll("tbody th")).map((th) => th.textContent.trim());
  const series = Array.from(table.querySelectorAll("thead th[data-series]")).map((th) => ({
    label: th.textContent.trim(),
    data: valuesOf(table, Number(th.dataset.series)),
    borderColor: th.dataset.colour,
    backgroundColor: th.dataset.colour,
    spanGaps: false,
    tension: 0,
  }));
  canvas.parentElement.hidden = false;
  // eslint-disable-next-line no-new
  new window.Chart(canvas, {
    type: "line",
    data: { labels, datasets: series },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { display: series.length > 1 } },
    },
  });
  figure.dataset.drawn = "true";
}

document.querySelectorAll("[data-trend-chart]").forEach(draw);
