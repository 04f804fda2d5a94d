"""The Content-Security-Policy middleware: strict on the site, workable in Wagtail's admin.

Public pages get the policy in settings as it is: scripts and styles from the site's own
origin only. Wagtail 8's admin still prints inline scripts (chooser and panel set-up) and
inline styles, so its pages, which only signed-in staff see, get a per-response nonce on
those scripts, inline styles, and may frame themselves (the live preview).
"""

import re

from csp.constants import NONCE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.urls import reverse

INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)(?=[\s>])")


class ClinicCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if self.is_admin_page(request, response):
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
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
        )
