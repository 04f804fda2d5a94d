"""Plain language: how hard a page is to read, and where.

Owns syllable counting (syllables; for Spanish, spanish, with the Spanish formulas), the
readability scores of a page's text (readability), the glossary, the reading targets and a
page's score (page_scores), and the marks the editor's preview and Checks panel show
(preview_marks).

May import: nothing else in clinic/; it knows nothing of review or page types.
"""

__all__ = ["page_scores", "readability", "spanish"]
