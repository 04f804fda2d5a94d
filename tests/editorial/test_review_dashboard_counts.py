"""The dashboard counts pages never reviewed, overdue and due within 30 days, each linking to
its rows of the report, in a number of queries that does not grow with the pages."""

import datetime
import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clinic.editorial.due_for_review import review_page_models
from tests.blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from tests.editorial.review_dates import REPORT, days
from tests.factories import PersonFactory
from tests.treatments.factories import TreatmentPageFactory
from treatments.wagtail_hooks import add_due_for_review_panel

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def make_page(home_page, treatment_index):
    reviewer = PersonFactory()
    articles = ArticleIndexPageFactory(parent=home_page)

    def make(title, due=None, article=False):
        factory, parent = (
            (ArticlePageFactory, articles) if article else (TreatmentPageFactory, treatment_index)
        )
        when = due or days(200)
        page = factory(
            parent=parent,
            title=title,
            last_reviewed=when - datetime.timedelta(days=365),
            next_review_due=when,
            reviewer=reviewer,
        )
        if due is None:  # never reviewed
            type(page).objects.filter(pk=page.pk).update(
                last_reviewed=None, next_review_due=None, reviewer=None
            )
        return page

    return make


@pytest.fixture
def pages(make_page):
    return [
        make_page("Never reviewed treatment"),
        make_page("Never reviewed article", article=True),
        make_page("Unreviewed too"),
        make_page("Overdue article", days(-1), article=True),
        make_page("Due soon treatment", days(29)),
        make_page("Due in 31 days", days(31)),
    ]


def counts(html):
    """{'never': ('3', url), ...} from the panel."""
    return {
        status: (count, url.replace("&amp;", "&"))
        for status, url, count in re.findall(
            r'<li data-status="(\w+)"><a href="([^"]+)"><strong>(\d+)</strong>', html
        )
    }


def test_the_panel_counts_each_kind_and_links_to_its_rows(client, reviewer, pages):
    client.force_login(reviewer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    report = reverse(REPORT)
    assert counts(html) == {
        "never": ("3", f"{report}?within=30&status=never"),
        "overdue": ("1", f"{report}?within=30&status=overdue"),
        "soon": ("1", f"{report}?within=30&status=soon"),
    }
    assert "<strong>3</strong> never reviewed</a>" in html
    assert "<strong>1</strong> overdue</a>" in html
    assert "<strong>1</strong> due within 30 days</a>" in html
    assert f'<a href="{report}">See the full report</a>' in html


def test_each_count_leads_to_as_many_rows(client, reviewer, pages):
    client.force_login(reviewer)
    for count, url in counts(client.get(reverse("wagtailadmin_home")).content.decode()).values():
        body = client.get(url).content.decode().split("<tbody>", 1)[1].split("</tbody>", 1)[0]
        assert body.count('<td class="title">') == int(count)


def test_the_panel_shows_zero_counts_while_something_is_due(client, reviewer, make_page):
    make_page("Overdue page", days(-3))
    client.force_login(reviewer)
    found = counts(client.get(reverse("wagtailadmin_home")).content.decode())
    assert {status: count for status, (count, _) in found.items()} == {
        "never": "0",
        "overdue": "1",
        "soon": "0",
    }


def test_the_panel_shows_nothing_when_nothing_is_due(client, reviewer, make_page):
    make_page("Reviewed lately", days(300))
    make_page("Due later than 30 days", days(45), article=True)
    client.force_login(reviewer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="due-for-review-heading"' not in html


def panel_queries(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    panels = []
    with CaptureQueriesContext(connection) as queries:
        add_due_for_review_panel(request, panels)
        html = panels[0].render_html({"request": request})
    assert "due-for-review-heading" in html
    return len(queries)


def test_the_panel_queries_do_not_grow_with_the_pages(
    reviewer, make_page, django_assert_max_num_queries
):
    make_page("Never reviewed", None)
    make_page("Overdue", days(-1), article=True)
    panel_queries(reviewer)  # the first call also caches the user's permissions
    few = panel_queries(reviewer)
    assert few == len(review_page_models())  # one query per health page model
    for n in range(8):
        make_page(f"Never reviewed {n}")
        make_page(f"Overdue {n}", days(-n - 1), article=True)
        make_page(f"Due soon {n}", days(n + 1))
    assert panel_queries(reviewer) == few
    with django_assert_max_num_queries(few):
        panel_queries(reviewer)
