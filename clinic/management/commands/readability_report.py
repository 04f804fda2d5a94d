"""Every live health page with its reading grades, words and the rules it breaks, for audits."""

import json

from django.core.management.base import BaseCommand

from clinic.editorial.due_for_review import review_page_models
from clinic.plain_language.page_scores import score_page


class Command(BaseCommand):
    help = (
        "Print every live health page (treatment pages and articles) with its reading grade "
        "(Flesch–Kincaid), SMOG grade, words and failing plain-language rules."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args, **options):
        rows = [
            {"title": page.title, "url": page.full_url, "type": page._meta.verbose_name, **score}
            for page, score in live_health_page_scores()
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        for row in rows:
            self.write_row(row)
        above = sum(1 for row in rows if row["grade"] is not None and row["grade"] > row["limit"])
        self.stdout.write(f"{len(rows)} live health pages; {above} above their upper limit.")

    def write_row(self, row):
        grade = "too short to score" if row["grade"] is None else f"grade {row['grade']:g}"
        self.stdout.write(f"{row['title']} ({row['type']}, {row['url']})")
        self.stdout.write(
            f"  {grade}: {row['verdict']} (target {row['target']:g}, limit {row['limit']:g}); "
            f"SMOG {row['smog'] if row['smog'] is not None else '-'}; {row['words']} words, "
            f"{row['average_sentence']:g} a sentence; {row['long_words_percent']}% long words"
        )
        for problem in row["problems"]:
            self.stdout.write(f"  - {problem['rule']}: {problem['detail']}")


def live_health_page_scores():
    for model in review_page_models():
        for page in model.objects.live().order_by("path"):
            yield page, score_page(page).as_dict()
