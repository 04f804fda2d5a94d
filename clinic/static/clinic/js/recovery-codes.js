// The recovery-codes page: Copy (to the clipboard, one code a line) and Print buttons.
// Loaded from the site's own origin, so the admin's Content-Security-Policy allows it; without
// it the codes stay plain selectable text and the browser's own print works (two-factor.css).
(function () {
    "use strict";
    var actions = document.getElementById("recovery-code-actions");
    var list = document.getElementById("recovery-codes");
    var status = document.getElementById("recovery-codes-copied");
    if (!actions || !list) { return; }

    function codesText() {
        return Array.prototype.map.call(list.querySelectorAll("code"), function (code) {
            return code.textContent.trim();
        }).join("\n") + "\n";
    }

    function selectCodes() {
        var range = document.createRange();
        range.selectNodeContents(list);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
    }

    function copy() {
        var done = function () { status.textContent = "Copied. Paste them somewhere safe."; };
        var failed = function () {
            selectCodes();
            status.textContent = "Could not copy: the codes are selected, press Ctrl+C (or Cmd+C).";
        };
        if (navigator.clipboard && navigator.clipboard.writeText) {
            navigator.clipboard.writeText(codesText()).then(done, failed);
        } else {
            failed();
        }
    }

    actions.addEventListener("click", function (event) {
        var button = event.target.closest("[data-recovery-codes]");
        if (!button) { return; }
        if (button.dataset.recoveryCodes === "copy") { copy(); }
        if (button.dataset.recoveryCodes === "print") { window.print(); }
    });
    actions.hidden = false;
})();
