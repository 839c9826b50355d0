// Phone cards (issue 20): at 576 px or narrower a table.list-cards shows each row as a card (css/responsive.css).
// CSS cannot tie a cell to its column's header, so each cell gets its header's text as data-label and the header's
// data-card role ("title": the card's heading; "hide": left out on a phone). Cells with nothing in them are marked so
// the card does not show a bare "label:" line. Without script the cells still stack, one value a line.
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

    // The header's words without its decorations (the ▲▼ of a sorted column are aria-hidden).
    function headerText(th) {
        var copy = th.cloneNode(true);
        Array.prototype.forEach.call(copy.querySelectorAll('[aria-hidden="true"]'), function (e) { e.remove(); });
        return copy.textContent.replace(/\s+/g, ' ').trim();
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
                    var text = headerText(th);
                    if (text && !td.hasAttribute('data-label')) td.setAttribute('data-label', text);
                    var role = th.getAttribute('data-card');
                    if (role && !td.hasAttribute('data-card')) td.setAttribute('data-card', role);
                    var empty = td.textContent.trim() === '' && !td.querySelector('input, select, button, img, svg, canvas');
                    td.toggleAttribute('data-card-empty', empty);
                });
            });
        });
    }

    function start() {
        Array.prototype.forEach.call(document.querySelectorAll('table.list-cards'), label);
    }

    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
})();
