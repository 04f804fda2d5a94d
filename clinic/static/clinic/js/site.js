// Loaded in <head> without defer, so that <html class="js"> is set before the first paint
// and the phone menu is folded from the start (no layout shift). Everything else waits
// for the document. Without JavaScript the menu links simply show.
document.documentElement.classList.replace("no-js", "js");

document.addEventListener("DOMContentLoaded", function () {
    "use strict";
    var nav = document.getElementById("site-nav");
    var button = nav && nav.querySelector(".site-nav__toggle");
    if (!button) { return; }

    function setOpen(open) {
        nav.classList.toggle("is-open", open);
        button.setAttribute("aria-expanded", open ? "true" : "false");
    }

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
});
