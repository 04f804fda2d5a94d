"""The Content-Security-Policy middleware: strict on the site, workable in Wagtail's admin.

Public pages get the policy in settings as it is: scripts and styles from the site's own
origin only, and no framing. Wagtail 8's admin still prints inline scripts (chooser and panel
set-up) and inline styles, so its pages, which only signed-in staff see, get a per-response
nonce on those scripts, inline styles, and may frame themselves.

A preview is rendered by Wagtail as a request for the page's public path, run through this
whole middleware chain inside the admin's own request (`make_preview_request`, which flags
that request `is_dummy` for middleware). It gets the public policy, except that the site's
own origin may frame it (the admin's preview and Checks panels); the admin's pass then
leaves it as it is.
"""

import re

from csp.constants import HEADER, NONCE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.urls import reverse

INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)(?=[\s>])")


class ClinicCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if getattr(request, "is_dummy", False):
            response._csp_replace = {"frame-ancestors": [SELF]}
        elif self.is_admin_page(request, response):
            nonce = str(request.csp_nonce).encode()
            response.content = INLINE_SCRIPT.sub(
                b'<script nonce="' + nonce + b'"', response.content
            )
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
            response._csp_update = {"script-src": [NONCE], "style-src": [UNSAFE_INLINE]}
            response._csp_replace = {"frame-ancestors": [SELF]}
        return super().process_response(request, response)

    @staticmethod
    def is_admin_page(request, response):
        return (
            request.path_info.startswith(reverse("wagtailadmin_home"))
            and HEADER not in response  # a preview: its policy was set for its public path
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
        )
