// The sources list is folded in a <details>. Following a citation ("[2]" links to #source-2)
// opens it in browsers that do not open a <details> for the fragment themselves. Without
// JavaScript the list opens from its summary, with a click or Enter.
(function () {
    "use strict";

    // Open the list holding the element with this id; scroll to it when the browser already
    // tried (an address with a fragment, or the back button).
    function reveal(id, scroll) {
        var target = id && document.getElementById(id);
        var details = target && target.closest("details");
        if (details && !details.open) {
            details.open = true;
            if (scroll) {
                target.scrollIntoView();
            }
        }
    }

    document.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest('a[href^="#source-"]');
        if (link) {
            reveal(link.getAttribute("href").slice(1), false);
        }
    });
    window.addEventListener("hashchange", function () {
        reveal(decodeURIComponent(location.hash.slice(1)), true);
    });
    document.addEventListener("DOMContentLoaded", function () {
        reveal(decodeURIComponent(location.hash.slice(1)), true);
    });
})();
