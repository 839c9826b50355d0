// Leaders' dashboard: charts from data-chart attributes (the CSP forbids inline scripts), drill-down on click (打印 buttons: site.js).
(function () {
    if (typeof Chart === 'undefined') return;
    var palette = ['#9b1c1c', '#2f6fad', '#3f8f4f', '#d08a1e', '#7a4b9c', '#5b6770', '#c0504d', '#1f8a8a'];
    var rendered = 0;
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
        var spec = JSON.parse(canvas.dataset.chart);
        var datasets = spec.series.map(function (s, i) {
            var color = palette[i % palette.length];
            // Straight segments (tension 0): a smoothed line of counts and rates shows values no month had.
            return {
                label: s.label, data: s.data, type: s.type || undefined, backgroundColor: color, borderColor: color,
                yAxisID: s.type === 'line' && spec.type === 'bar' && !spec.stacked ? 'y2' : undefined, tension: 0, spanGaps: true
            };
        });
        var index = spec.horizontal ? 'y' : 'x';
        var value = spec.horizontal ? 'x' : 'y';
        var scales = {};
        scales[index] = { stacked: !!spec.stacked, ticks: { autoSkip: false, font: { size: 11 } } };
        scales[value] = { stacked: !!spec.stacked, beginAtZero: true, title: { display: !!spec.yTitle, text: spec.yTitle || '' } };
        if (spec.percent) { scales[value].min = 0; scales[value].max = 100; scales[value].ticks = { callback: function (v) { return v + '%'; } }; }
        else if (spec.counts) scales[value].ticks = { precision: 0 };
        // The second axis carries counts (逾期 件): whole numbers.
        if (datasets.some(function (d) { return d.yAxisID === 'y2'; })) scales.y2 = { position: 'right', beginAtZero: true, ticks: { precision: 0 }, grid: { drawOnChartArea: false } };
        var options = {
            indexAxis: index, responsive: true, maintainAspectRatio: false, animation: false, scales: scales,
            plugins: { legend: { display: spec.series.length > 1, position: 'bottom' } }
        };
        // A point opens the list behind it: its series' own list, else the chart's list for that label.
        function linkOf(element) {
            var own = spec.series[element.datasetIndex].links;
            return own ? own[element.index] : spec.links ? spec.links[element.index] : null;
        }
        if (spec.links || spec.series.some(function (s) { return s.links; })) {
            options.onClick = function (e, elements) {
                var link = elements.length ? linkOf(elements[0]) : null;
                if (link) window.location.href = link;
            };
            options.onHover = function (e, elements) { e.native.target.style.cursor = elements.length ? 'pointer' : 'default'; };
        }
        new Chart(canvas, PortalCharts.fit(canvas, { type: spec.type, data: { labels: spec.labels, datasets: datasets }, options: options }));
        rendered++;
    });
    document.body.dataset.chartsRendered = String(rendered);
    // Charts are redrawn to the paper's width before printing.
    window.addEventListener('beforeprint', function () { Object.values(Chart.instances).forEach(function (c) { c.resize(); }); });
})();
