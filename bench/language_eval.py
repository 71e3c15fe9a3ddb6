"""How often a message in another language is answered in that language.

Scores tests/data/other_languages.csv (written apart from the detector, never tuned on): a foreign
row is right when the detector names its language and a reply text exists for it; a Dutch row is
right when no language is claimed. Prints per language, then one JSON line.

tests/data/other_languages_tuning.csv (260 messages, written apart by another helper session, also
without seeing the detector) is the set the detector's thresholds were tuned on: score it with
`--tuning`.

Usage: .venv/bin/python bench/language_eval.py [--tuning]
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.knowledge.texts import load_texts  # noqa: E402
from bot.understanding.language import detect_language  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
MESSAGES = DATA / "other_languages.csv"
TUNING = DATA / "other_languages_tuning.csv"


def main() -> int:
    replies = load_texts()["other_language"]
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    misses: list[str] = []
    messages = TUNING if "--tuning" in sys.argv[1:] else MESSAGES
    with messages.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            language, found = row["language"], detect_language(row["text"])
            total[language] += 1
            ok = found is None if language == "nl" else found == language and language in replies
            right[language] += ok
            if not ok:
                misses.append(f"{language} -> {found}: {row['text'][:70]}")
    for language in sorted(total):
        print(f"{language}: {right[language]}/{total[language]}")
    for miss in misses:
        print("miss", miss)
    foreign = [language for language in total if language != "nl"]
    summary = {
        "foreign_messages": sum(total[language] for language in foreign),
        "answered_in_their_language": round(
            sum(right[x] for x in foreign) / sum(total[x] for x in foreign), 3
        ),
        "dutch_messages": total["nl"],
        "dutch_kept_dutch": round(right["nl"] / total["nl"], 3) if total["nl"] else None,
        "languages": len(foreign),
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
