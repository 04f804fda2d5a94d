"""Small builders for the demo loaders' StreamField content (each app's demo.py uses them)."""


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level, "anchor": ""})


def paragraph(html):
    return ("paragraph", html)


def callout(kind, title, html):
    return ("callout", {"kind": kind, "heading": title, "text": html})
