// Suggestions while typing in the search box (titles, frequent words and words typed as pinyin, from /Search/Suggest).
(function () {
    var input = document.getElementById('search-q');
    var list = document.getElementById('search-suggest');
    if (!input || !list) return;
    var url = input.dataset.suggestUrl;
    var timer = null, seq = 0, active = -1;

    function hide() { list.classList.add('d-none'); list.innerHTML = ''; active = -1; }

    function show(items) {
        list.innerHTML = '';
        active = -1;
        items.forEach(function (s) {
            var li = document.createElement('li');
            li.className = 'list-group-item list-group-item-action py-1 small';
            li.setAttribute('role', 'option');
            li.textContent = s.text;
            // A title opens its document; a 拼音 word (typed as pinyin initials, dcdb → 督查督办) replaces the letters.
            var label = { title: '标题', '拼音': '拼音' }[s.kind];
            if (label) {
                var tag = document.createElement('span');
                tag.className = 'badge text-bg-light ms-2';
                tag.textContent = label;
                li.appendChild(tag);
            }
            li.addEventListener('mousedown', function (e) {
                e.preventDefault();
                if (s.kind === 'title' && s.url) { window.location.href = s.url; return; }
                var words = input.value.trim().split(/\s+/);
                words[words.length - 1] = s.text;
                input.value = words.join(' ');
                hide();
                input.form.submit();
            });
            list.appendChild(li);
        });
        list.classList.toggle('d-none', items.length === 0);
    }

    input.addEventListener('input', function () {
        clearTimeout(timer);
        var q = input.value.trim();
        if (!q) { hide(); return; }
        timer = setTimeout(function () {
            var mine = ++seq;
            fetch(url + '?q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
                .then(function (r) { return r.ok ? r.json() : []; })
                .then(function (items) { if (mine === seq) show(items); })
                .catch(hide);
        }, 150);
    });
    input.addEventListener('keydown', function (e) {
        var items = list.querySelectorAll('li');
        if (!items.length) return;
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            active = (active + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
            items.forEach(function (li, i) { li.classList.toggle('active', i === active); });
        } else if (e.key === 'Enter' && active >= 0) {
            e.preventDefault();
            items[active].dispatchEvent(new MouseEvent('mousedown'));
        } else if (e.key === 'Escape') hide();
    });
    input.addEventListener('blur', function () { setTimeout(hide, 100); });
})();
