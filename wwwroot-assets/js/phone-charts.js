// Charts on phones (issue 20). A chart with many categories (the units of the city, 20 and more) cannot show their names
// under upright bars 350 px wide: on a narrow screen its bars run across instead, one readable line per unit, in a
// box tall enough for them. Other charts skip labels that do not fit and keep the legend under the plot.
// Pages call PortalCharts.fit(canvas, config) before new Chart(canvas, config).
window.PortalCharts = (function () {
    var narrow = window.matchMedia ? window.matchMedia('(max-width: 576px)') : { matches: false };
    var many = 12, rowHeight = 22, axesAndLegend = 110;

    function fit(canvas, config) {
        if (!narrow.matches) return config;
        var o = config.options = config.options || {};
        var data = config.data || {};
        var labels = data.labels || [];
        o.plugins = o.plugins || {};
        o.plugins.legend = Object.assign({}, o.plugins.legend, { position: 'bottom' });
        o.plugins.legend.labels = Object.assign({ boxWidth: 12, font: { size: 11 } }, o.plugins.legend.labels);
        if (config.type === 'doughnut' || config.type === 'pie') return config;

        var upright = (o.indexAxis || 'x') === 'x';
        var hasLine = (data.datasets || []).some(function (d) { return d.type === 'line'; });
        var scales = o.scales = o.scales || {};
        if (config.type === 'bar' && upright && !hasLine && labels.length > many) {
            o.indexAxis = 'y';
            var x = scales.x, y = scales.y;
            delete scales.x; delete scales.y;
            if (y) scales.x = y;
            scales.y = Object.assign({}, x);
            scales.y.ticks = Object.assign({}, scales.y.ticks, { autoSkip: false, font: { size: 11 } });
            var box = canvas.parentElement;
            var needed = labels.length * rowHeight + axesAndLegend;
            if (box && box.clientHeight < needed) box.style.height = needed + 'px';
        } else if (upright) {
            scales.x = Object.assign({}, scales.x);
            scales.x.ticks = Object.assign({}, scales.x.ticks, { autoSkip: true, maxRotation: 60, font: { size: 10 } });
        } else {
            scales.y = Object.assign({}, scales.y);
            scales.y.ticks = Object.assign({ font: { size: 11 } }, scales.y.ticks, { autoSkip: false });
        }
        return config;
    }

    return { fit: fit };
})();
