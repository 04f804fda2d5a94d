"""Answering the self-check the way a browser does, and reading what comes back."""

import html

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, settings

# Property tests that go through HTTP: a modest number of examples, no deadline (a page takes
# what it takes), the test's own client and database (function-scoped fixtures are fine: no
# example stores anything), and no example database written into the worktree.
http_examples = settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def form_url(page, instrument):
    return f"{page.url}{instrument.key}/"


def as_post(scores):
    """POST data for a list of scores, item 1 first."""
    return {f"item_{number}": str(score) for number, score in enumerate(scores, 1)}


def scores_summing_to(instrument, total, fixed=None):
    """A full answer set adding up to `total`, with the items in `fixed` ({number: score})
    given those scores; the rest filled with 3s from item 1 on, then one remainder."""
    fixed = fixed or {}
    left = total - sum(fixed.values())
    scores = []
    for number in range(1, len(instrument.items) + 1):
        if number in fixed:
            scores.append(fixed[number])
            continue
        score = min(3, left)
        scores.append(score)
        left -= score
    assert left == 0 and sum(scores) == total, (instrument.name, total, fixed)
    return scores


def answer(client, page, instrument, scores, **extra):
    """POST a full answer set; the response."""
    return client.post(form_url(page, instrument), {**as_post(scores), **extra})


def soup_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def page_text(response):
    """The page as a reader gets it: entities turned back into characters."""
    return html.unescape(response.content.decode())


def main_text(response):
    """The words of the page's <main>, without the site's header and footer."""
    return " ".join(soup_of(response).find("main").get_text(" ").split())


def checked(soup, name):
    """The values of the radio buttons named `name` that are checked."""
    radios = soup.find_all("input", attrs={"name": name})
    return [radio["value"] for radio in radios if radio.has_attr("checked")]


def score_heading(instrument, total):
    return f"Your score is {total} out of {instrument.highest_total}"
