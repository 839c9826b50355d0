// Portal's own scripts. No inline scripts anywhere: the CSP forbids them. Forms (dates, pickers, confirmations) are in forms.js.

// 打印 buttons (data-print): the page's print stylesheet does the rest (no inline onclick under the CSP).
document.addEventListener('click', function (e) {
    if (e.target.closest && e.target.closest('[data-print]')) window.print();
});

// Charts are drawn for the screen; on paper their boxes change size (print stylesheets), so they are redrawn for it.
(function () {
    function resizeCharts() {
        if (window.Chart && window.Chart.instances) Object.values(window.Chart.instances).forEach(function (c) { c.resize(); });
    }
    window.addEventListener('beforeprint', resizeCharts);
    window.addEventListener('afterprint', resizeCharts);
    if (window.matchMedia) window.matchMedia('print').addEventListener('change', resizeCharts);
})();
