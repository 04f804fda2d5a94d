"""Demo pages as documents: Markdown with a YAML front matter, read into StreamField data.

content/README.md is the guide for people who write these documents; in short:

- The front matter, between two `---` lines, holds the page's fields (title, summary or
  teaser, dates, people, pictures). The file's name is the page's slug, and its folder is
  where the page sits on the site.
- `## Heading` and `### Heading` are heading blocks (h2, h3).
- Paragraphs and lists, one after another, are one paragraph block of rich text. Page links
  are written as site addresses (`[our team](/about/)`) and stored as links to the page.
- Every other block is a fenced section, `::: name options` ... `:::`, whose contents are
  ordinary Markdown: callout, checklist, steps, faq, quote, call-to-action, crisis-help,
  table, related-pages, fees (fee keys from content/fees.yaml), image, video and sources
  (source keys from content/references.yaml). The first heading inside names the block.
- A citation is a link to a source's entry: `[[2]](#source-2)`; the source must be listed.

Anything else (an unknown block, a missing title, an unknown tag, a malformed front matter,
a link to a page that does not exist) raises DocumentError with the file, line and problem.

demo.py is the demo site's loading kit: each app's demo.py says which documents become its
pages. spanish.py loads the Spanish edition (content/es/): translations of those pages.

May import: blocks, editorial, serving.
"""

from clinic.documents.markdown import html
from clinic.documents.reader import Document, DocumentError, read, read_yaml, stream

__all__ = ["Document", "DocumentError", "demo", "html", "read", "read_yaml", "spanish", "stream"]
