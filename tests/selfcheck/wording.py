"""The published wording of the instruments, as tests/selfcheck/instrument_wording.json holds
it (copied by hand from CONTENT.md, never from the code under test)."""

import json
from pathlib import Path

WORDING = json.loads((Path(__file__).parent / "instrument_wording.json").read_text("utf-8"))
ANSWER_LABELS = [label for _, label in WORDING["answers"]]
INSTRUMENT_KEYS = sorted(WORDING["instruments"])


def published(key):
    return WORDING["instruments"][key]


def published_band(key, total):
    """The band label (lower case) whose published range holds `total`."""
    matches = [label for low, high, label in published(key)["bands"] if low <= total <= high]
    assert len(matches) == 1, (key, total, matches)
    return matches[0]
