"""A page's <title>: the headline search results show for it. Search engines cut titles after
about 65 characters, so the rule is:

- the page's part is its SEO title (Promote tab) when it has one, else its title;
- the clinic's name follows, after " | ", only when the whole still fits in 65 characters;
- a page's part over 65 characters (a long search query, a page published before the editor
  checked) is cut at a word, with "…": nothing in a <title> is ever over 65.

base.html applies it to whatever its title block renders (the `with_site_name` filter in
clinic/templatetags/seo_tags.py). The editor refuses to submit, publish or approve a page
whose SEO title is too long, or whose long title has no SEO title (clinic/editorial/page_forms.py),
and the demo loader refuses such a document (clinic/documents/reader.py).
"""

MAX_TITLE_LENGTH = 65
SEPARATOR = " | "
ELLIPSIS = "…"


def title_text(text):
    """The text as a <title> shows it: on one line, without the spaces around it."""
    return " ".join(str(text or "").split())


def document_title(text, site_name=""):
    """The text of a <title> for a page whose part is `text` (see the rule above)."""
    text, site_name = title_text(text), title_text(site_name)
    if not text:
        return site_name[:MAX_TITLE_LENGTH]
    with_name = f"{text}{SEPARATOR}{site_name}" if site_name else text
    if len(with_name) <= MAX_TITLE_LENGTH:
        return with_name
    if len(text) <= MAX_TITLE_LENGTH:
        return text
    cut = text[: MAX_TITLE_LENGTH - len(ELLIPSIS) + 1]
    cut = cut.rsplit(" ", 1)[0] if " " in cut else cut[:-1]
    return cut.rstrip(" ,;:.–—-") + ELLIPSIS


def title_problem(title, seo_title):
    """What the editor says when a page would show search results a title that is cut: its SEO
    title is over 65 characters, or it has none and its title is. None when all is well."""
    seo_title, title = title_text(seo_title), title_text(title)
    if seo_title:
        if len(seo_title) > MAX_TITLE_LENGTH:
            return (
                f"Search results cut titles after about {MAX_TITLE_LENGTH} characters: this "
                f"SEO title has {len(seo_title)}. Shorten it."
            )
        return None
    if len(title) > MAX_TITLE_LENGTH:
        return (
            f"Search results cut titles after about {MAX_TITLE_LENGTH} characters: this title "
            f"has {len(title)}. Add a shorter SEO title (Promote tab)."
        )
    return None
