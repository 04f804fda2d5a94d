"""Demo content for the blog: an article index, its topics and tags, and the articles.

The words are in content/articles/: index.md for the index, taxonomy.yaml for the topics
and the tags an article may carry, and one document per article. Authors and reviewers
are the People of content/people.yaml.
"""

from clinic.documents.demo import REVIEW_FIELDS
from clinic.editorial.people import Person

from .models import ArticleAuthor, ArticleIndexPage, ArticlePage, Topic

INDEX_FIELDS = {"title", "menu", "intro"}
ARTICLE_FIELDS = {"title", "teaser", "date", "topic", "tags", "authors", "picture", *REVIEW_FIELDS}


def load(content, home_page):
    """Create the article index, topics and articles unless they exist. Safe to run again."""
    doc = content.document("articles/index")
    doc.check_keys(INDEX_FIELDS)
    index = content.page(
        home_page,
        ArticleIndexPage,
        doc,
        intro=doc.meta.get("intro", ""),
        show_in_menus=bool(doc.meta.get("menu")),
    )
    taxonomy = content.records("articles/taxonomy.yaml", {"topics", "tags"}, {"topics", "tags"})
    topics = {}
    for data in taxonomy["topics"]:
        topics[data["slug"]], _ = Topic.objects.get_or_create(
            slug=data["slug"], defaults={"name": data["name"], "description": data["description"]}
        )
    people = {person.name: person for person in Person.objects.all()}
    # Newest first, as the index lists them.
    for doc in sorted(
        content.section("articles"), key=lambda doc: doc.require("date"), reverse=True
    ):
        article(content, index, doc, topics, taxonomy["tags"], people)
    return index


def article(content, index, doc, topics, tags, people):
    doc.check_keys(ARTICLE_FIELDS)
    authors = doc.known("authors", people, "author", "content/people.yaml")
    doc.known("reviewer", people, "reviewer", "content/people.yaml")
    doc.known("tags", tags, "tag", "content/articles/taxonomy.yaml")

    def fill(page):
        page.authors = [
            ArticleAuthor(person=people[name], sort_order=order)
            for order, name in enumerate(authors)
        ]
        page.tags.add(*doc.meta.get("tags", []))

    reviewer = doc.meta.get("reviewer")
    return content.page(
        index,
        ArticlePage,
        doc,
        fill=fill,
        teaser=doc.require("teaser"),
        date=doc.require("date"),
        topic=topics[doc.known("topic", topics, "topic", "content/articles/taxonomy.yaml")],
        hero_image=content.picture(doc, doc.picture("picture")),
        last_reviewed=doc.meta.get("last_reviewed"),
        next_review_due=doc.meta.get("next_review_due"),
        reviewer=people[reviewer] if reviewer else None,
    )
