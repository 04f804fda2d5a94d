// Moves focus to the notice (request not sent) or the error summary, so screen readers
// announce it and keyboard users start there.
(function () {
    "use strict";
    var summary = document.getElementById("booking-notice") || document.getElementById("error-summary");
    if (summary) { summary.focus(); }
})();
