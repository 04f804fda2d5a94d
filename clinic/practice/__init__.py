"""The practice: who the clinic is and what a visitor can ask of it.

Owns the clinic's details every page reads, with its crisis lines, opening hours and closed
days (details), when a reply to a request is due and the promise in words (working_days),
the services a visitor can book (services), and the taglines that offer free help in other
languages on the language assistance page (language_assistance: LanguageTagline, a snippet only
administrators edit; hooks registers it), and the rule that a setting's Spanish version is shown
on Spanish pages when filled, else the English (spanish).

May import: blocks, serving. Never imports a page app: page types offer services by setting
`bookable_service`.
"""

__all__ = ["details", "language_assistance", "services", "working_days"]
