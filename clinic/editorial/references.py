"""The sources health pages rest on: one Reference per guideline, review, trial or label.

Pages cite them through the "Sources" block (clinic/blocks); each entry shows the date it was
last accessed, and pages whose sources were accessed more than a year before their last review
are flagged in the review report.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

STALE_BEFORE_REVIEW_DAYS = 365


class Reference(index.Indexed, models.Model):
    KINDS = [
        ("guideline", "Guideline or consensus statement"),
        ("systematic-review", "Systematic review or meta-analysis"),
        ("trial", "Clinical trial"),
        ("label", "Drug label or regulator"),
        ("other", "Other"),
    ]

    authors = models.CharField(
        max_length=400,
        blank=True,
        help_text="As the source lists them, e.g. 'McIntyre RS, Rosenblat JD, Nemeroff CB, et "
        "al.' Leave blank for an organisation's document.",
    )
    title = models.CharField(max_length=400)
    publisher = models.CharField(
        "journal or organisation", max_length=200, help_text="e.g. JAMA Psychiatry; U.S. FDA"
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    details = models.CharField(
        max_length=120, blank=True, help_text="Volume, issue and pages, e.g. 178(5):383-399."
    )
    url = models.URLField("address", max_length=500, blank=True)
    doi = models.CharField(
        "DOI", max_length=200, blank=True, help_text="e.g. 10.1176/appi.ajp.2020.20081251"
    )
    pmid = models.CharField("PMID", max_length=20, blank=True, help_text="PubMed's number.")
    kind = models.CharField(max_length=20, choices=KINDS, default="other")
    accessed = models.DateField(
        "last accessed", help_text="When someone last opened the source and checked it."
    )

    panels = [
        FieldPanel("authors"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("publisher"), FieldPanel("year"), FieldPanel("details")]),
        FieldPanel("kind"),
        FieldPanel("url"),
        FieldRowPanel([FieldPanel("doi"), FieldPanel("pmid")]),
        FieldPanel("accessed"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("authors"),
        index.SearchField("publisher"),
    ]

    class Meta:
        ordering = ["title"]
        # The clinic's word, in the editor's chooser too ("Choose source", "Edit this source").
        verbose_name = "source"
        verbose_name_plural = "sources"

    def __str__(self):
        year = f" ({self.year})" if self.year else ""
        return f"{self.title}{year}: {self.publisher}"

    @property
    def link(self):
        """Where a reader can open it: the address, else the DOI, else PubMed."""
        if self.url:
            return self.url
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        return ""

    def stale_for(self, reviewed):
        """Whether it was last accessed more than a year before the page's review."""
        return reviewed is not None and (reviewed - self.accessed) > datetime.timedelta(
            days=STALE_BEFORE_REVIEW_DAYS
        )

    def schema(self):
        """schema.org for a page's `citation`: a ScholarlyArticle in its journal when it has a
        DOI or PMID, else a CreativeWork by its organisation (a label, a regulator's notice)."""
        article = bool(self.doi or self.pmid)
        data = {"@type": "ScholarlyArticle" if article else "CreativeWork", "name": self.title}
        people = author_names(self.authors)
        organisation = {"@type": "Organization", "name": self.publisher}
        if people:
            data["author"] = [{"@type": "Person", "name": name} for name in people]
        elif not article:
            data["author"] = organisation
        if article:
            data["isPartOf"] = {"@type": "Periodical", "name": self.publisher}
        else:
            data["publisher"] = organisation
        if self.year:
            data["datePublished"] = str(self.year)
        if self.link:
            data["url"] = self.link
        same_as = [address for address in self.identifier_links if address != self.link]
        if same_as:
            data["sameAs"] = same_as
        return data

    @property
    def identifier_links(self):
        """The DOI's and PubMed's addresses of it, those it has."""
        links = [f"https://doi.org/{self.doi}"] if self.doi else []
        if self.pmid:
            links.append(f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/")
        return links


def author_names(authors):
    """'Sanacora G, Frye MA, et al.' as ['Sanacora G', 'Frye MA']."""
    names = (name.strip() for name in authors.split(","))
    return [name for name in names if name and name.rstrip(".").lower() != "et al"]


def cited_in(body):
    """The references a body's Sources blocks list, in the page's order, each once (a deleted
    reference is left out)."""
    found = {}
    for block in body or []:
        if block.block_type == "sources":
            for reference in block.value.get("references") or []:
                if reference is not None:
                    found.setdefault(reference.pk, reference)
    return list(found.values())


def citation_schema(body):
    """{"citation": [...]} for a page's JSON-LD when its body lists sources, else {}."""
    references = cited_in(body)
    return {"citation": [reference.schema() for reference in references]} if references else {}


def sources_cited_by_pages():
    """{page id: [Reference, ...]} for every page whose live body lists a source.

    Read from Wagtail's reference index (which also shows a source's usage in the admin), not
    from the bodies: two queries, however many pages there are.
    """
    from wagtail.models import Page, ReferenceIndex

    links = list(
        ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            to_content_type=ContentType.objects.get_for_model(Reference),
        )
        .values_list("object_id", "to_object_id")
        .distinct()
    )
    if not links:
        return {}
    references = Reference.objects.in_bulk({int(to_id) for _, to_id in links})
    cited = {}
    for page_id, to_id in links:
        if int(to_id) in references:
            cited.setdefault(int(page_id), []).append(references[int(to_id)])
    return cited
