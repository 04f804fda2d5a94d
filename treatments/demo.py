"""Demo content for the treatments section: an index and one page per treatment.

The words are in content/treatments/: index.md lists the treatment pages in the order the
site shows them, and each treatment is a document of its own.
"""

from clinic.documents.demo import REVIEW_FIELDS
from clinic.editorial.people import Person

from .models import DELIVERY_LABELS, USES, TreatmentIndexPage, TreatmentPage

INDEX_FIELDS = {"title", "menu", "intro", "pages"}
PAGE_FIELDS = {
    *("title", "summary", "use", "picture", "delivery_methods", "session_length"),
    "typical_course",
    *("related_treatments", *REVIEW_FIELDS),
}


def load(content, home_page):
    """Create the treatments section once. Running it again changes nothing."""
    doc = content.document("treatments/index")
    doc.check_keys(INDEX_FIELDS)
    index = content.page(
        home_page,
        TreatmentIndexPage,
        doc,
        intro=doc.meta.get("intro", ""),
        show_in_menus=bool(doc.meta.get("menu")),
    )
    documents = {doc.slug: doc for doc in content.section("treatments")}
    order = doc.known("pages", documents, "treatment page")
    for slug in set(documents) - set(order):
        raise doc.error(doc.line_of("pages"), f"'{slug}' is not listed in pages")

    people = {person.name: person for person in Person.objects.all()}
    pages = [treatment(content, index, documents[slug], people) for slug in order]
    feature_on_home_page(home_page, pages)
    return index


def treatment(content, index, doc, people):
    doc.check_keys(PAGE_FIELDS)
    doc.known("delivery_methods", DELIVERY_LABELS, "delivery method")
    doc.known("use", dict(USES), "use (approved or off-label)")
    doc.known("reviewer", people, "reviewer", "content/people.yaml")
    return content.page(
        index,
        TreatmentPage,
        doc,
        fill=lambda page: relate(page, doc),
        summary=doc.require("summary"),
        use=doc.require("use"),
        hero_image=content.picture(doc, doc.picture("picture")),
        delivery_methods=doc.require("delivery_methods"),
        session_length=doc.meta.get("session_length", ""),
        typical_course=doc.meta.get("typical_course", ""),
        last_reviewed=doc.require("last_reviewed"),
        next_review_due=doc.meta.get("next_review_due"),
        reviewer=people[doc.require("reviewer")],
    )


def relate(page, doc):
    """Related treatments, once every treatment page exists."""
    siblings = {sibling.slug: sibling for sibling in page.get_siblings().type(TreatmentPage)}
    for order, slug in enumerate(doc.known("related_treatments", siblings, "treatment page")):
        page.related_treatments.add(
            page.related_treatments.model(treatment=siblings[slug].specific, sort_order=order)
        )


def feature_on_home_page(home_page, pages):
    if home_page.featured_treatments.exists():
        return
    for order, page in enumerate(pages):
        home_page.featured_treatments.add(
            home_page.featured_treatments.model(page=page, sort_order=order)
        )
    home_page.save_revision().publish()
