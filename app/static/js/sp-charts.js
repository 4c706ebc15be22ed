/* Draws each <canvas class="sp-chart" data-chart='{...}'> with the vendored Chart.js.
   Series differ by fill pattern and border style as well as colour, so a chart reads without colour
   (printed in black and white, or by someone who does not tell the colours apart); the table under
   each chart holds every number. */
(function () {
  "use strict";
  if (typeof Chart === "undefined") { return; }
  var COLOURS = ["#1f5f99", "#d9822b", "#3d8b3d", "#8e44ad", "#c0392b", "#7f8c8d", "#16a085", "#b7950b"];
  var DASHES = [[], [6, 3], [2, 2], [10, 3, 2, 3], [1, 4], [8, 8], [4, 1], [12, 2]];

  function pattern(index, colour) {
    var size = 10, canvas = document.createElement("canvas");
    canvas.width = canvas.height = size;
    var c = canvas.getContext("2d");
    c.fillStyle = colour; c.globalAlpha = 0.35; c.fillRect(0, 0, size, size);
    c.globalAlpha = 1; c.strokeStyle = colour; c.fillStyle = colour; c.lineWidth = 2;
    switch (index % 6) {
      case 0: c.fillRect(0, 0, size, size); break;                                   // solid
      case 1: c.beginPath(); c.moveTo(0, size); c.lineTo(size, 0); c.stroke(); break;  // diagonal
      case 2: c.beginPath(); c.arc(size / 2, size / 2, 2, 0, 2 * Math.PI); c.fill(); break; // dots
      case 3: c.beginPath(); c.moveTo(0, size / 2); c.lineTo(size, size / 2); c.stroke(); break; // horizontal
      case 4: c.beginPath(); c.moveTo(size / 2, 0); c.lineTo(size / 2, size); c.stroke(); break; // vertical
      default: c.beginPath(); c.moveTo(0, 0); c.lineTo(size, size); c.moveTo(0, size); c.lineTo(size, 0); c.stroke(); // cross
    }
    return c.createPattern(canvas, "repeat");
  }

  var number = new Intl.NumberFormat("id-ID", {maximumFractionDigits: 2});

  document.querySelectorAll("canvas.sp-chart").forEach(function (canvas) {
    var data = JSON.parse(canvas.getAttribute("data-chart"));
    var percent = data.series.every(function (s) { return s.percent; });
    var datasets = data.series.map(function (series, i) {
      var colour = COLOURS[i % COLOURS.length];
      return {label: series.label, data: series.values, backgroundColor: pattern(i, colour),
              borderColor: colour, borderWidth: 2, borderDash: DASHES[i % DASHES.length]};
    });
    var valueAxis = {beginAtZero: true, stacked: data.kind === "stacked",
                     ticks: {callback: function (v) { return number.format(v) + (percent ? "%" : ""); }}};
    if (percent) { valueAxis.max = 100; } else { valueAxis.ticks.precision = 0; }
    var labelAxis = {stacked: data.kind === "stacked"};
    new Chart(canvas, {
      type: "bar",
      data: {labels: data.labels, datasets: datasets},
      options: {
        indexAxis: data.horizontal ? "y" : "x", animation: false, responsive: true, maintainAspectRatio: false,
        scales: data.horizontal ? {x: valueAxis, y: labelAxis} : {x: labelAxis, y: valueAxis},
        plugins: {
          legend: {display: datasets.length > 1, labels: {boxWidth: 28, boxHeight: 14}},
          tooltip: {callbacks: {label: function (item) {
            return item.dataset.label + ": " + number.format(item.raw) + (percent ? "%" : "");
          }}}
        }
      }
    });
    canvas.parentNode.style.height = Math.max(160, Math.min(280, 40 + 28 * data.labels.length)) + "px";
  });
})();
