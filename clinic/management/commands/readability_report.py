"""Every live health page with its reading scores, words and the rules it breaks, for audits."""

import json

from django.core.management.base import BaseCommand

from clinic.editorial.due_for_review import review_page_models
from clinic.plain_language.page_scores import INFLESZ, score_page


class Command(BaseCommand):
    help = (
        "Print every live health page (treatment pages and articles) with its reading grade "
        "(Flesch–Kincaid), SMOG grade, words and failing plain-language rules. Spanish pages "
        "are scored on the INFLESZ scale (higher is easier) and Fernández-Huerta instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args, **options):
        scored = list(live_health_page_scores())
        rows = [
            {"title": page.title, "url": page.full_url, "type": page._meta.verbose_name}
            | score.as_dict()
            for page, score in scored
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        for row in rows:
            self.write_row(row)
        above = sum(1 for _, score in scored if score.above_limit)
        self.stdout.write(f"{len(rows)} live health pages; {above} above their upper limit.")

    def write_row(self, row):
        self.stdout.write(f"{row['title']} ({row['type']}, {row['url']})")
        if row.get("scale") == INFLESZ:
            self.write_spanish_scores(row)
        else:
            grade = "too short to score" if row["grade"] is None else f"grade {row['grade']:g}"
            smog = row["smog"] if row["smog"] is not None else "-"
            self.stdout.write(
                f"  {grade}: {row['verdict']} (target {row['target']:g}, "
                f"limit {row['limit']:g}); SMOG {smog}; {row['words']} words, "
                f"{row['average_sentence']:g} a sentence; {row['long_words_percent']}% long words"
            )
        for problem in row["problems"]:
            self.stdout.write(f"  - {problem['rule']}: {problem['detail']}")

    def write_spanish_scores(self, row):
        """INFLESZ: a target to reach or pass, and a lower limit."""
        if row["inflesz"] is None:
            score, huerta = "too short to score", "-"
        else:
            score, huerta = f"INFLESZ {row['inflesz']:g} ({row['band']})", row["fernandez_huerta"]
        self.stdout.write(
            f"  {score}: {row['verdict']} (target {row['target']:g} or more, lower limit "
            f"{row['limit']:g}); Fernández-Huerta {huerta}; {row['words']} words, "
            f"{row['average_sentence']:g} a sentence"
        )


def live_health_page_scores():
    for model in review_page_models():
        for page in model.objects.live().order_by("path"):
            yield page, score_page(page)
