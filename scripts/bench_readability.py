"""Benchmark plain language: what scoring costs next to rendering the page it scores.

    uv run python scripts/bench_readability.py       # throwaway SQLite file in /tmp

It loads the demo site and, for every live health page (3 treatment pages, 12 articles):
- renders the page as a preview does (`make_preview_request`), the cost a clinician pays
  anyway on every preview refresh;
- scores that HTML (clinic/plain_language/readability.py: parse, sentences, syllables, rules);
- renders it again as a staff preview, with the findings marked up
(clinic/plain_language/preview_marks.py). Each is the median of 5 runs after a warm-up. The ratios
(scoring / rendering, staff preview / plain preview) are what to read: this machine's absolute times
move from day to day. Results: bench-results/readability.json.
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SQLITE_FILE = Path(tempfile.gettempdir()) / "readability-bench.sqlite3"
RUNS = 5


def setup_django():
    SQLITE_FILE.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_FILE}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "clinic.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo_content", verbosity=0)


def median_ms(action):
    action()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    setup_django()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client, RequestFactory

    from clinic.editorial.due_for_review import review_page_models
    from clinic.plain_language.page_scores import glossary, render
    from clinic.plain_language.readability import analyse

    # A signed-in administrator's request: its session cookie reaches the preview.
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("bench", "b@example.com", "x"))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    original = RequestFactory().get("/", HTTP_COOKIE=f"{cookie.key}={cookie.value}")
    terms = glossary()
    rows = []
    for model in review_page_models():
        for page in model.objects.live().order_by("path"):
            html = render(page)
            staff_preview = page.make_preview_request(original).content.decode()
            assert "plain-language-report" in staff_preview, "the staff preview is not marked up"
            rows.append(
                {
                    "page": page.title,
                    "words": analyse(html, terms).words,
                    "render_ms": median_ms(lambda page=page: render(page)),
                    "score_ms": median_ms(lambda html=html: analyse(html, terms)),
                    "staff_preview_ms": median_ms(
                        lambda page=page: page.make_preview_request(original)
                    ),
                }
            )
    for row in rows:
        row["score_over_render"] = round(row["score_ms"] / row["render_ms"], 2)
        row["staff_preview_over_render"] = round(row["staff_preview_ms"] / row["render_ms"], 2)
        print(
            f"{row['page'][:60]:60} {row['words']:5} words  render {row['render_ms']:6.1f} ms  "
            f"score {row['score_ms']:6.1f} ms ({row['score_over_render']}x)  "
            f"staff preview {row['staff_preview_over_render']}x"
        )
    summary = {
        key: round(statistics.median(row[key] for row in rows), 2)
        for key in ("score_ms", "render_ms", "score_over_render", "staff_preview_over_render")
    }
    print("median:", summary)
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "readability.json").write_text(json.dumps({"pages": rows, "median": summary}, indent=2))


if __name__ == "__main__":
    main()
