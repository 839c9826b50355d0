// 索引维护: follows a running rebuild (whichever instance runs it) and reloads the page when it ends.
(function () {
    const box = document.getElementById('rebuild-progress');
    if (!box || box.classList.contains('d-none')) return;
    const bar = box.querySelector('.progress-bar');
    const status = document.getElementById('rebuild-status');
    async function poll() {
        try {
            const r = await fetch(box.dataset.progressUrl, { headers: { 'Accept': 'application/json' } });
            const p = await r.json();
            bar.style.width = p.percent + '%';
            bar.textContent = p.percent + '%';
            box.querySelector('.progress').setAttribute('aria-valuenow', p.percent);
            status.textContent = p.running ? `已索引 ${p.done}/${p.total}` : (p.message || '');
            if (!p.running) { setTimeout(() => location.reload(), 800); return; }
        } catch (e) { status.textContent = '暂时无法读取进度，正在重试…'; }
        setTimeout(poll, 1000);
    }
    poll();
})();
