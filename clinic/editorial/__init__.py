"""Editorial: how a health page is written, reviewed and kept true.

Owns review dates and the rule that live content is what a reviewer signed off
(review_dates, reviewed_content, signoff, publish_guard), which pages are due for review
(due_for_review), translations out of date with their source (translations) and the editor's
review messages (review_editor), the page forms' checks
(page_forms), the clinicians behind the pages (people), sources and inline citations
(references, citations), fees, the medical disclaimer and picture uploads.

May import: blocks, plain_language, practice, serving. Page apps import the modules
named in __all__; the others are this package's own.
"""

__all__ = [
    "disclaimer",
    "due_for_review",
    "fees",
    "page_forms",
    "people",
    "references",
    "review_dates",
    "review_editor",
]
