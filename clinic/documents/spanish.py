"""The demo site's Spanish edition: content/es/ holds translations of the English documents.

A document at content/es/<name>.md translates the page made from content/<name>.md, as
"Translate this page" would: a copy of the English page in the Spanish locale (its parents
first), then its words from the document. A health page is signed off by the reviewer the
document names, who must read Spanish, and the sign-off records the English page's reviewed
content, as a reviewer's approval would (clinic/editorial/translations.py). A page that has a
Spanish translation already is left as it is.
"""

from django.db import models
from modelcluster.models import get_all_child_relations
from wagtail.fields import RichTextField
from wagtail.log_actions import log
from wagtail.models import Locale, Page

from clinic.editorial import translations
from clinic.editorial.people import Person
from clinic.editorial.reviewed_content import SIGN_OFF_ACTION, content_fingerprint

FOLDER = "es"
LANGUAGE = "es"
# Front-matter keys that name another field than their own.
RENAMED = {"description": "search_description", "thank_you": "thank_you_text"}
# Kept as the English page has them: pictures, links to other pages, taxonomy, facts.
KEPT = {"picture", "related_treatments", "related_articles", "pages", "topic", "tags"}
KEPT |= {"authors", "date", "delivery_methods", "use", "to_address", "subject", "menu"}
REVIEW = {"reviewer", "last_reviewed", "next_review_due"}
OWN = {"title", "seo_title", "slug", "questions"}


def load(content):
    """Every document under content/es/, parents before their children."""
    spanish = Locale.objects.get(language_code=LANGUAGE)
    names = [name for name in content.documents if name.startswith(f"{FOLDER}/")]
    made = []
    for name in sorted(names, key=lambda name: (name.count("/"), not name.endswith("index"))):
        doc = content.document(name)
        english = english_page(content, name.removeprefix(f"{FOLDER}/"), doc)
        if not english.get_translations().filter(locale=spanish).exists():
            made.append(translate(content, english, doc, spanish))
    for page in made:  # once every translation exists
        link_translations(page, spanish)


def english_page(content, name, doc):
    """The page made from content/<name>.md, found at the address its name gives."""
    path = "" if name == "index" else name.removesuffix("/index") + "/"
    page = Page.objects.filter(url_path=content.site_root_path + path).first()
    if page is None:
        raise doc.error(1, f"no English page made from {content.root.name}/{name}.md")
    return page.specific


def translate(content, english, doc, spanish):
    page = english.copy_for_translation(spanish, copy_parents=True).specific
    page.title = doc.require("title")
    page.seo_title = doc.meta.get("seo_title") or ""
    page.slug = doc.meta.get("slug") or page.slug
    fill_words(content, page, doc)
    if "questions" in doc.meta:
        relabel_questions(page, doc)
    if hasattr(page, "reviewed_fields"):
        sign_off(page, doc)
    else:
        page.save_revision().publish()
    return page


def link_translations(page, spanish):
    """The pages it features or relates to (copied as the English page's), swapped for their
    live Spanish translations: a Spanish reader's cards lead to Spanish pages. Related pages are
    not reviewed content, so the sign-off stands."""
    changed = False
    for relation in get_all_child_relations(page):
        accessor = relation.get_accessor_name()
        children = list(getattr(page, accessor).all())
        for child in children:
            for field in child._meta.concrete_fields:
                if not field.is_relation or field.name == relation.field.name:
                    continue  # the parental key: the page itself
                target = getattr(child, field.name, None)
                if not isinstance(target, Page) or target.locale_id == spanish.pk:
                    continue
                translated = target.get_translation_or_none(spanish)
                if translated is not None and translated.live:
                    setattr(child, field.name, translated.specific)
                    changed = True
        setattr(page, accessor, children)
    if changed:
        page.save_revision().publish()


def fill_words(content, page, doc):
    """The document's words into the fields that hold words; the body from its blocks."""
    for key in set(doc.meta) - KEPT - REVIEW - OWN:
        name = RENAMED.get(key, key)
        try:
            field = page._meta.get_field(name)
        except models.FieldDoesNotExist:
            raise doc.error(doc.line_of(key), f"'{key}' is not a field of this page") from None
        value = doc.html(key) if isinstance(field, RichTextField) else doc.meta[key]
        setattr(page, name, value)
    if doc.blocks:
        if hasattr(page, "body"):
            page.body = content.body(doc)
        else:  # the home and booking pages take their introduction from the body
            page.intro = "".join(str(value) for _, value in content.body(doc))


def relabel_questions(page, doc):
    """The booking form's own questions, in Spanish: the same kinds, in the same order."""
    questions = doc.require("questions")
    fields = list(page.form_fields.all())
    if len(fields) != len(questions):
        raise doc.error(doc.line_of("questions"), "ask the English page's questions, no more")
    for field, data in zip(fields, questions, strict=True):
        field.label = data["label"]
        field.help_text = data.get("help_text", "")
        field.choices = "\n".join(data.get("choices", []))
    page.form_fields = fields  # into the page's cluster, so its revision carries them


def sign_off(page, doc):
    """Signed off by the document's reviewer, who reads Spanish, as an approval records it."""
    name = doc.require("reviewer")
    reviewer = Person.objects.filter(name=name).first()
    if reviewer is None or not reviewer.reads(LANGUAGE):
        problem = f"the reviewer '{name}' must be in content/people.yaml and read Spanish"
        raise doc.error(doc.line_of("reviewer"), problem)
    page.reviewer = reviewer
    page.last_reviewed = doc.require("last_reviewed")
    page.next_review_due = doc.meta.get("next_review_due")
    page.clean_review_dates()
    page.reviewed_fingerprint = content_fingerprint(page)
    revision = page.save_revision()
    data = {"reviewer": str(reviewer), "fingerprint": page.reviewed_fingerprint}
    log(
        instance=page,
        action=SIGN_OFF_ACTION,
        revision=revision,
        data=data | translations.sign_off_data(page),
    )
    revision.publish()
