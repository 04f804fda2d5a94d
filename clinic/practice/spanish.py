"""The Spanish version of a setting's visitor-facing text, on Spanish pages.

Settings that visitors read (the tagline, the crisis lines, the medical disclaimer) have a
Spanish field beside the English one. A Spanish page (under /es/: clinic/serving/language.py)
shows the Spanish field when an editor filled it, and the English otherwise: a missing
translation must never leave a crisis line out.
"""

from django.utils import translation


def reading_spanish():
    """Whether this request's language (from its address) is Spanish."""
    return (translation.get_language() or "").startswith("es")


def shown(english, spanish):
    """The Spanish version on Spanish pages when it has content, else the English."""
    return spanish if reading_spanish() and has_content(spanish) else english


def has_content(value):
    # A rich text field an editor emptied keeps an empty paragraph.
    if isinstance(value, str):
        return bool(value.replace("<p></p>", "").strip())
    return bool(value)
