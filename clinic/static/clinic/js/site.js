// Folds the main navigation behind a Menu button on narrow screens.
// Without JavaScript the button stays hidden and the links simply show.
(function () {
    "use strict";
    var nav = document.getElementById("site-nav");
    if (!nav) { return; }
    var button = nav.querySelector(".site-nav__toggle");
    var list = document.getElementById("site-nav-list");
    if (!button || !list) { return; }

    function setOpen(open) {
        nav.classList.toggle("is-open", open);
        button.setAttribute("aria-expanded", open ? "true" : "false");
    }

    nav.classList.add("site-nav--collapsible");
    button.hidden = false;
    button.addEventListener("click", function () {
        setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    nav.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && nav.classList.contains("is-open")) {
            setOpen(false);
            button.focus();
        }
    });
})();
