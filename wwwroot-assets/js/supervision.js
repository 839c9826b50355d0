// Supervision pages: the statistics charts (Chart.js, served locally).
// The data comes from data-chart attributes written by the page: the CSP forbids inline scripts.
(function () {
    if (typeof Chart === 'undefined') return;
    var palette = ['#9b1c1c', '#2f6fad', '#3f8f4f', '#d08a1e', '#7a4b9c', '#5b6770', '#c0504d'];
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
        var spec = JSON.parse(canvas.dataset.chart);
        var datasets = spec.series.map(function (s, i) {
            var color = spec.type === 'doughnut' ? palette : palette[i % palette.length];
            var line = spec.type === 'line' || s.type === 'line';
            return { label: s.label, data: s.data, backgroundColor: color, borderColor: line ? color : undefined, type: s.type, spanGaps: false };
        });
        var options = { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'bottom' } } };
        if (spec.percent) {
            options.scales = { y: { min: 0, max: 100, ticks: { callback: function (v) { return v + '%'; } } } };
        } else if (spec.type !== 'doughnut') {
            // Counts of tasks: whole numbers on the axis, never 0.5 件.
            options.scales = { y: { beginAtZero: true, ticks: { precision: 0 } } };
        }
        new Chart(canvas, PortalCharts.fit(canvas, { type: spec.type, data: { labels: spec.labels, datasets: datasets }, options: options }));
    });
})();
