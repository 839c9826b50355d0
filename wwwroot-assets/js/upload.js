// Upload page: sends the form with XHR to show upload progress, then polls the server for processing progress.
// Without script the form posts normally and the results are shown the same way.
(function () {
    var form = document.getElementById('upload-form');
    if (!form || !window.FormData || !window.XMLHttpRequest) return;
    var status = document.getElementById('upload-status');
    var bar = document.getElementById('upload-bar');
    var stage = document.getElementById('upload-stage');
    var button = document.getElementById('upload-button');
    var progressId = document.getElementById('progress-id');

    function show(percent, text) {
        var p = Math.max(0, Math.min(100, Math.round(percent)));
        bar.style.width = p + '%';
        bar.textContent = p + '%';
        status.setAttribute('aria-valuenow', String(p));
        if (text !== undefined) stage.textContent = text;
    }

    function newId() {
        var a = new Uint8Array(12);
        window.crypto.getRandomValues(a);
        return Array.prototype.map.call(a, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
    }

    form.addEventListener('submit', function (e) {
        e.preventDefault();
        progressId.value = newId();
        var data = new FormData(form);
        var xhr = new XMLHttpRequest();
        var polling = null;
        status.classList.remove('d-none');
        button.disabled = true;
        show(0, '正在上传…');

        // Uploading fills the first half of the bar, processing on the server the second.
        xhr.upload.addEventListener('progress', function (ev) {
            if (ev.lengthComputable) show(ev.loaded / ev.total * 50, '正在上传… ' + Math.round(ev.loaded / 1024) + ' KB');
        });
        xhr.upload.addEventListener('load', function () {
            show(50, '上传完成，正在处理…');
            polling = window.setInterval(poll, 500);
        });
        xhr.addEventListener('load', function () {
            if (polling) window.clearInterval(polling);
            button.disabled = false;
            if (xhr.status >= 200 && xhr.status < 300) {
                var doc = new DOMParser().parseFromString(xhr.responseText, 'text/html');
                var results = doc.getElementById('upload-results');
                var summary = doc.querySelector('#upload-form [data-valmsg-summary], #upload-form .validation-summary-errors');
                document.getElementById('upload-results').innerHTML = results ? results.innerHTML : '';
                var mine = form.querySelector('.validation-summary-errors, [data-valmsg-summary]');
                if (mine && summary) mine.innerHTML = summary.innerHTML;
                show(100, '处理完成。');
                form.reset();
            } else if (xhr.status === 413) {
                show(0, '上传失败：文件总大小超过限制。');
            } else {
                show(0, '上传失败（' + xhr.status + '），请重试。');
            }
        });
        xhr.addEventListener('error', function () {
            if (polling) window.clearInterval(polling);
            button.disabled = false;
            show(0, '网络错误，上传失败。');
        });

        function poll() {
            var req = new XMLHttpRequest();
            req.open('GET', form.getAttribute('data-progress-url') + '&id=' + encodeURIComponent(progressId.value));
            req.addEventListener('load', function () {
                if (req.status !== 200) return;
                var s = JSON.parse(req.responseText);
                if (!s.found || s.done) return;
                var overall = ((s.file - 1) + s.fraction) / s.files;
                show(50 + overall * 50, '正在处理第 ' + s.file + '/' + s.files + ' 个文件：' + s.name + '（' + s.stage + '）');
            });
            req.send();
        }

        xhr.open('POST', form.getAttribute('action') || window.location.pathname);
        xhr.send(data);
    });
})();
