// Portal's own scripts. No inline scripts anywhere: the CSP forbids them.
(function () {
    // Buttons with data-confirm ask before submitting their form.
    document.addEventListener('submit', function (e) {
        var btn = e.submitter;
        if (btn && btn.dataset.confirm && !window.confirm(btn.dataset.confirm)) e.preventDefault();
    });
})();
