"""Sources for the sources tests: three real references (as the demo has them) and the
stream data of a body that cites them."""

import datetime

from wagtail.rich_text import RichText

from clinic.editorial.references import Reference

ACCESSED = datetime.date(2026, 9, 1)


def consensus():
    return Reference.objects.create(
        authors="Sanacora G, Frye MA, McDonald W, et al.",
        title="A Consensus Statement on the Use of Ketamine in the Treatment of Mood Disorders",
        publisher="JAMA Psychiatry",
        year=2017,
        details="74(4):399-405",
        doi="10.1001/jamapsychiatry.2017.0080",
        kind="guideline",
        accessed=ACCESSED,
    )


def label():
    return Reference.objects.create(
        title="SPRAVATO (esketamine) nasal spray: full prescribing information",
        publisher="Janssen Pharmaceuticals, Inc.",
        url="https://example.org/spravato-pi.pdf",
        kind="label",
        accessed=ACCESSED,
    )


def trial():
    return Reference.objects.create(
        authors="Popova V, Daly EJ, Trivedi M, et al.",
        title="Efficacy and Safety of Flexibly Dosed Esketamine Nasal Spray",
        publisher="American Journal of Psychiatry",
        year=2019,
        pmid="31109201",
        kind="trial",
        accessed=ACCESSED,
    )


def paragraph(html):
    return ("paragraph", RichText(html))


def sources(*references, heading="Sources"):
    return ("sources", {"heading": heading, "references": list(references)})
