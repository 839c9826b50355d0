// Phone cards (issue 20): at 576 px or narrower a table.list-cards shows each row as a card (css/responsive.css).
// CSS cannot tie a cell to its column's header, so each cell gets its header's text as data-label and the header's
// data-card role ("title": the card's heading; "hide": left out on a phone). Cells with nothing in them are marked so
// the card does not show a bare "label:" line. Tables the page adds or fills later are labelled when they appear.
(function () {
    function headerCells(table) {
        // The last header row names the columns; a colspan header covers several cells.
        var rows = table.tHead ? table.tHead.rows : [];
        if (rows.length === 0) return [];
        var cols = [];
        Array.prototype.forEach.call(rows[rows.length - 1].cells, function (th) {
            for (var i = 0; i < (th.colSpan || 1); i++) cols.push(th);
        });
        return cols;
    }

    function label(table) {
        var cols = headerCells(table);
        if (cols.length === 0) return;
        Array.prototype.forEach.call(table.tBodies, function (body) {
            Array.prototype.forEach.call(body.rows, function (tr) {
                var col = 0;
                Array.prototype.forEach.call(tr.cells, function (td) {
                    var th = cols[col];
                    col += td.colSpan || 1;
                    if (!th || td.colSpan > 1) return; // a row spanning the table (a note, "no rows") stays as it is
                    var text = th.textContent.replace(/\s+/g, ' ').trim();
                    if (text && !td.hasAttribute('data-label')) td.setAttribute('data-label', text);
                    var role = th.getAttribute('data-card');
                    if (role && !td.hasAttribute('data-card')) td.setAttribute('data-card', role);
                    var empty = td.textContent.trim() === '' && !td.querySelector('input, select, button, img, svg, canvas');
                    td.toggleAttribute('data-card-empty', empty);
                });
            });
        });
    }

    function labelAll(root) {
        if (root.matches && root.matches('table.list-cards')) label(root);
        if (root.querySelectorAll) Array.prototype.forEach.call(root.querySelectorAll('table.list-cards'), label);
    }

    function start() {
        labelAll(document);
        if (!window.MutationObserver) return;
        new MutationObserver(function (changes) {
            var tables = new Set();
            changes.forEach(function (c) {
                var el = c.target.nodeType === 1 ? c.target : c.target.parentElement;
                var t = el && el.closest ? el.closest('table.list-cards') : null;
                if (t) tables.add(t);
                c.addedNodes.forEach(function (n) { if (n.nodeType === 1 && !t) labelAll(n); });
            });
            tables.forEach(label);
        }).observe(document.body, { childList: true, subtree: true });
    }

    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
})();
