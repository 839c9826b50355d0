// Charts of the submissions statistics page. The data comes from a JSON data block (the CSP forbids inline script).
(function () {
    var dataEl = document.getElementById('submission-chart-data');
    if (!dataEl || typeof Chart === 'undefined') return;
    var data = JSON.parse(dataEl.textContent);
    var charts = [];
    var font = { family: '"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif' };
    Chart.defaults.font.family = font.family;

    var monthly = document.getElementById('chart-monthly');
    if (monthly) {
        charts.push(new Chart(monthly, PortalCharts.fit(monthly, {
            type: 'bar',
            data: {
                labels: data.months,
                datasets: [
                    { label: '报送（条）', data: data.submitted, backgroundColor: '#8fa9d6' },
                    { label: '采用（条）', data: data.adopted, backgroundColor: '#9b1c1c' }
                ]
            },
            options: {
                responsive: true, maintainAspectRatio: false, animation: false,
                plugins: { title: { display: true, text: '月度报送与采用情况' } },
                scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
            }
        })));
    }

    var ranking = document.getElementById('chart-ranking');
    if (ranking) {
        charts.push(new Chart(ranking, PortalCharts.fit(ranking, {
            type: 'bar',
            data: {
                labels: data.ranking.units,
                datasets: [{ label: '得分', data: data.ranking.points, backgroundColor: '#c0504d' }]
            },
            options: {
                indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false,
                plugins: { title: { display: true, text: '得分排名' }, legend: { display: false } },
                scales: { x: { beginAtZero: true }, y: { ticks: { autoSkip: false, font: { size: 11 } } } }
            }
        })));
    }

    // Redraw at the printed size, and back after printing, so the charts are sharp and fit the page.
    function resizeAll() { charts.forEach(function (c) { c.resize(); }); }
    window.addEventListener('beforeprint', resizeAll);
    window.addEventListener('afterprint', resizeAll);
})();
