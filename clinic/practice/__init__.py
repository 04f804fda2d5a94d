"""The practice: who the clinic is and what a visitor can ask of it.

Owns the clinic's details every page reads, with its crisis lines, opening hours and closed
days (details), when a reply to a request is due and the promise in words (working_days),
and the services a visitor can book (services).

May import: blocks, serving. Never imports a page app: page types offer services by setting
`bookable_service`.
"""

__all__ = ["details", "services", "working_days"]
