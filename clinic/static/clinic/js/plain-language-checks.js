/* Plain-language checks in a staff preview (clinic/plain_language/preview_marks.py).
   The server marks each paragraph, heading or item that breaks a rule with
   data-plain-language; the Checks panel's rules select exactly those, so a selected element
   is an issue. Loaded after Wagtail's userbar script, which provides registerCheck. */
(function () {
  "use strict";
  var userbar = window.wagtail && window.wagtail.userbar;
  if (userbar && userbar.registerCheck) {
    userbar.registerCheck("plain-language-flagged", function () {
      return false;
    });
  }
})();
