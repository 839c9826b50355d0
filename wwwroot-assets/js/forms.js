// Forms that read the same in every browser, whatever its language: dates typed and shown as yyyy-MM-dd (flatpickr),
// searchable multi-selects (Tom Select), in-page confirmation dialogs, validation messages and file inputs in Chinese.
// Every part only upgrades standard markup (<input type="date">, <select multiple>, data-confirm, required…), so a page
// works without this script and the server receives exactly what a plain form would send.
(function () {
    'use strict';

    // ---- Dates: yyyy-MM-dd in the field and in the post, typed or picked; the server parses yyyy-MM-dd as before.
    var datePattern = '\\d{4}-\\d{1,2}-\\d{1,2}';
    function upgradeDate(input) {
        if (!window.flatpickr || input.dataset.datePicker) return;
        input.dataset.datePicker = '1';
        var min = input.getAttribute('min'), max = input.getAttribute('max');
        input.type = 'text';
        input.setAttribute('pattern', datePattern);
        input.setAttribute('inputmode', 'numeric');
        input.setAttribute('autocomplete', 'off');
        if (!input.placeholder) input.placeholder = 'yyyy-MM-dd';
        if (min) input.dataset.min = min;
        if (max) input.dataset.max = max;
        var picker = window.flatpickr(input, {
            // Weeks start on Monday, as on the office's calendars.
            locale: Object.assign({}, window.flatpickr.l10ns.zh, { firstDayOfWeek: 1 }), dateFormat: 'Y-m-d', allowInput: true, disableMobile: true,
            minDate: min || null, maxDate: max || null,
        });
        // flatpickr reads what was typed when the field loses focus or on Enter, and would turn a date it cannot take
        // into another (2026-13-01 becomes 2027-01-01) or clear it (out of range). What was typed is kept instead, and
        // the validation message says what is wrong; a good date is written in full (2026-5-1 becomes 2026-05-01).
        var setDate = picker.setDate;
        picker.setDate = function (date, triggerChange, format) {
            if (typeof date !== 'string' || date.trim() === '') return setDate.call(picker, date, triggerChange, format);
            var value = normalise(date.trim());
            if (!acceptable(input, value)) { check(input); return; }
            setDate.call(picker, value, triggerChange, 'Y-m-d');
            check(input);
        };
        // A date typed in full is taken at once and the calendar closes, so it never covers the rest of the form.
        input.addEventListener('input', function () {
            if (acceptable(input, input.value)) { picker.setDate(input.value, false, 'Y-m-d'); picker.close(); }
        });
    }

    function acceptable(el, value) {
        return isDate(value) && !(el.dataset.min && value < el.dataset.min) && !(el.dataset.max && value > el.dataset.max);
    }

    // yyyy-MM-dd naming a day that exists (2026-02-30 does not).
    function isDate(s) {
        var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
        if (!m) return false;
        var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
        return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
    }

    // 2026-5-1 → 2026-05-01; anything else is left as typed.
    function normalise(s) {
        var m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
        return m ? m[1] + '-' + ('0' + m[2]).slice(-2) + '-' + ('0' + m[3]).slice(-2) : s;
    }

    // ---- Multi-selects: a tag picker searched by typing, instead of a Ctrl-click list box.
    function upgradeMultiSelect(select) {
        if (!window.TomSelect || select.tomselect) return;
        new window.TomSelect(select, {
            plugins: { remove_button: { title: '删除' } },
            maxOptions: null,
            hidePlaceholder: true,
            placeholder: select.dataset.placeholder || '输入名称搜索，可多选',
            render: {
                no_results: function () { return '<div class="no-results">无匹配项</div>'; },
                loading: function () { return '<div class="spinner">加载中…</div>'; },
            },
            onItemAdd: function () { this.setTextboxValue(''); this.refreshOptions(false); },
        });
    }

    // ---- Confirmation: data-confirm on a form, a submit button or a link asks in an in-page dialog (确定 / 取消).
    var dialog, dialogText, dialogOk, pending;
    function confirmDialog() {
        if (dialog) return dialog;
        var el = document.createElement('div');
        el.className = 'modal fade';
        el.id = 'confirm-dialog';
        el.tabIndex = -1;
        el.setAttribute('aria-labelledby', 'confirm-dialog-title');
        el.setAttribute('aria-hidden', 'true');
        el.innerHTML =
            '<div class="modal-dialog modal-dialog-centered"><div class="modal-content">' +
            '<div class="modal-header"><h2 class="modal-title fs-6" id="confirm-dialog-title">请确认</h2>' +
            '<button type="button" class="btn-close" data-bs-dismiss="modal" aria-label="关闭"></button></div>' +
            '<div class="modal-body"><p class="mb-0" id="confirm-dialog-text"></p></div>' +
            '<div class="modal-footer"><button type="button" class="btn btn-outline-secondary" data-bs-dismiss="modal" id="confirm-cancel">取消</button>' +
            '<button type="button" class="btn btn-primary" id="confirm-ok">确定</button></div>' +
            '</div></div>';
        document.body.appendChild(el);
        dialogText = el.querySelector('#confirm-dialog-text');
        dialogOk = el.querySelector('#confirm-ok');
        dialogOk.addEventListener('click', function () {
            var go = pending;
            pending = null;
            window.bootstrap.Modal.getOrCreateInstance(el).hide();
            if (go) go();
        });
        el.addEventListener('hidden.bs.modal', function () { pending = null; });
        dialog = el;
        return el;
    }

    function ask(message, danger, go) {
        var el = confirmDialog();
        dialogText.textContent = message;
        dialogOk.className = 'btn ' + (danger ? 'btn-danger' : 'btn-primary');
        pending = go;
        var modal = window.bootstrap.Modal.getOrCreateInstance(el);
        el.addEventListener('shown.bs.modal', function () { dialogOk.focus(); }, { once: true });
        modal.show();
    }

    function isDanger(el) { return !!el && /\bbtn-(outline-)?danger\b|\btext-danger\b/.test(el.className); }

    document.addEventListener('submit', function (e) {
        var form = e.target, btn = e.submitter;
        var message = (btn && btn.dataset.confirm) || form.dataset.confirm;
        if (!message || !window.bootstrap) return;
        if (form.dataset.confirmed === '1') { delete form.dataset.confirmed; return; }
        e.preventDefault();
        e.stopImmediatePropagation();
        ask(message, isDanger(btn), function () {
            form.dataset.confirmed = '1';
            if (btn && form.requestSubmit) form.requestSubmit(btn); else if (form.requestSubmit) form.requestSubmit(); else form.submit();
        });
    }, true);

    document.addEventListener('click', function (e) {
        var link = e.target.closest && e.target.closest('a[data-confirm]');
        if (!link || !window.bootstrap) return;
        e.preventDefault();
        ask(link.dataset.confirm, isDanger(link), function () { window.location.href = link.href; });
    });

    // ---- Validation messages in Chinese, whatever the browser's language.
    var textTypes = { email: '请输入有效的电子邮件地址，例如 name@example.gov.cn', url: '请输入有效的网址，例如 http://example.gov.cn' };
    function message(el) {
        var v = el.validity, type = (el.type || '').toLowerCase();
        if (v.valueMissing) {
            if (el.tagName === 'SELECT') return '请选择一项';
            if (type === 'checkbox') return '请勾选此项';
            if (type === 'radio') return '请选择一个选项';
            if (type === 'file') return '请选择文件';
            return '请填写此项';
        }
        if (v.badInput) return type === 'number' ? '请输入数字' : '请输入有效的值';
        if (v.typeMismatch) return textTypes[type] || '格式不正确';
        if (v.patternMismatch) {
            if (el.dataset.datePicker) return '请按 yyyy-MM-dd 格式填写日期，例如 2026-05-01';
            return el.dataset.patternMessage || (el.title ? '格式不正确：' + el.title : '格式不正确');
        }
        if (v.tooLong) return '最多 ' + el.maxLength + ' 个字（当前 ' + el.value.length + ' 个）';
        if (v.tooShort) return '至少 ' + el.minLength + ' 个字（当前 ' + el.value.length + ' 个）';
        if (v.rangeUnderflow) return '不能小于 ' + el.min;
        if (v.rangeOverflow) return '不能大于 ' + el.max;
        if (v.stepMismatch) return el.step && el.step !== 'any' && Number(el.step) === Math.round(Number(el.step)) ? '请输入整数' : '请输入有效的值';
        return '格式不正确';
    }

    function refresh(el) {
        if (!el.setCustomValidity || !el.willValidate) return;
        el.setCustomValidity('');
        if (!el.validity.valid) el.setCustomValidity(message(el));
    }

    // Dates typed outside the allowed range: flatpickr only limits the calendar, so the range is checked here too.
    function refreshDate(el) {
        if (!el.dataset.datePicker || !el.value || el.validity.patternMismatch || el.validity.valueMissing) return;
        var value = normalise(el.value);
        if (!isDate(value)) el.setCustomValidity('日期不存在，请检查年月日');
        else if (el.dataset.min && value < el.dataset.min) el.setCustomValidity('不能早于 ' + el.dataset.min);
        else if (el.dataset.max && value > el.dataset.max) el.setCustomValidity('不能晚于 ' + el.dataset.max);
    }

    function check(el) { refresh(el); refreshDate(el); }
    document.addEventListener('invalid', function (e) { check(e.target); }, true);
    document.addEventListener('input', function (e) { if (e.target.form) check(e.target); }, true);
    document.addEventListener('change', function (e) { if (e.target.form) check(e.target); }, true);
    // Values set by script without an event (a form reset, a picked suggestion) are checked again before the browser
    // validates the form, so a message never outlives the problem it names.
    document.addEventListener('click', function (e) {
        var button = e.target.closest && e.target.closest('button[type=submit], button:not([type]), input[type=submit]');
        if (button && button.form) Array.prototype.forEach.call(button.form.elements, check);
    }, true);

    // ---- File inputs: 选择文件 / 未选择文件 / the chosen names, instead of the browser's own words.
    var fileCount = 0;
    function upgradeFile(input) {
        if (input.dataset.filePicker) return;
        input.dataset.filePicker = '1';
        if (!input.id) input.id = 'file-input-' + (++fileCount);
        var small = input.classList.contains('form-control-sm');
        var wrap = document.createElement('div');
        wrap.className = 'input-group file-picker' + (small ? ' input-group-sm' : '');
        var button = document.createElement('label');
        button.className = 'btn btn-outline-secondary file-picker-button';
        button.htmlFor = input.id;
        button.textContent = '选择文件';
        var names = document.createElement('span');
        names.className = 'form-control file-picker-names text-truncate';
        names.setAttribute('aria-hidden', 'true');
        input.parentNode.insertBefore(wrap, input);
        wrap.appendChild(input);
        wrap.appendChild(button);
        wrap.appendChild(names);
        input.classList.add('file-picker-input');
        function show() {
            var files = Array.prototype.map.call(input.files || [], function (f) { return f.name; });
            names.textContent = files.length === 0 ? '未选择文件'
                : files.length === 1 ? files[0] : '已选择 ' + files.length + ' 个文件：' + files.join('、');
            names.title = files.join('\n');
            names.classList.toggle('text-muted', files.length === 0);
        }
        input.addEventListener('change', show);
        input.form && input.form.addEventListener('reset', function () { setTimeout(show, 0); });
        show();
    }

    function upgrade(root) {
        root.querySelectorAll('input[type=date]').forEach(upgradeDate);
        root.querySelectorAll('select[multiple]').forEach(upgradeMultiSelect);
        root.querySelectorAll('input[type=file]').forEach(upgradeFile);
        root.querySelectorAll('input, select, textarea').forEach(check);
    }

    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { upgrade(document); });
    else upgrade(document);
})();
