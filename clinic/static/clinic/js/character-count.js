// Under every textarea with data-maxlength: how many characters remain, or how many too many.
// Without JavaScript nothing is added: the hint above the field states the limit, and the
// server refuses too long a text in the same words. Characters are counted as the server
// counts them (a line break is one, an emoji is one).
(function () {
    "use strict";
    var format = new Intl.NumberFormat("en-US");

    function characters(count) {
        return format.format(count) + (count === 1 ? " character" : " characters");
    }

    function message(left) {
        return left >= 0
            ? "You have " + characters(left) + " remaining"
            : "You have " + characters(-left) + " too many";
    }

    function attach(field) {
        var limit = parseInt(field.getAttribute("data-maxlength"), 10);
        var count = document.createElement("p");
        count.className = "form-field__count";
        count.id = field.id + "_count";
        count.setAttribute("aria-live", "polite");
        field.insertAdjacentElement("afterend", count);
        var described = field.getAttribute("aria-describedby");
        field.setAttribute("aria-describedby", (described ? described + " " : "") + count.id);

        function update() {
            var left = limit - Array.from(field.value).length;
            count.textContent = message(left);
            count.classList.toggle("form-field__count--over", left < 0);
        }
        field.addEventListener("input", update);
        update();
    }

    document.querySelectorAll("textarea[data-maxlength]").forEach(attach);
})();
