"""Evaluates the trained NLU model on a labelled CSV and prints its figures.

Usage: ``.venv/bin/python bench/nlu_eval.py tests/data/nlu_holdout.csv [--model models/wegwijzer.tar.gz]``

Prints per-label precision/recall/F1, the confusion pairs, top-1 accuracy and, as its last
line, one JSON object with accuracy, macro_f1, none_recall and n.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from bot.knowledge.knowledge_base import load_knowledge_base  # noqa: E402
from bot.knowledge.validation import life_event_ids  # noqa: E402
from bot.understanding.event_detection import KeywordIndex, detect_events  # noqa: E402
from bot.understanding.nlu_metrics import NONE, EvalFileError, MultiEventScores, Scores, read_labelled_csv  # noqa: E402


def top_life_event(parse: dict) -> str:
    """The predicted life event of a parse result, or ``none``."""
    intent = (parse.get("intent") or {}).get("name")
    return intent if intent in life_event_ids() else NONE


def _quiet_rasa_logs() -> None:
    import structlog

    logging.disable(logging.WARNING)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))


async def evaluate(model: Path, csv_path: Path) -> tuple[Scores, MultiEventScores]:
    from rasa.core.agent import Agent

    _quiet_rasa_logs()
    rows = read_labelled_csv(csv_path, set(life_event_ids()))
    agent = Agent.load(str(model))
    keywords = KeywordIndex.from_knowledge_base(load_knowledge_base(REPO_ROOT / "data" / "life_events"))
    scores, multi = Scores(), MultiEventScores()
    for row in rows:
        parse = await agent.parse_message(row.text)
        scores.add(row.labels, top_life_event(parse))
        ranking = [r for r in parse.get("intent_ranking") or [] if r.get("name") != "nlu_fallback"]
        detected = detect_events(ranking, row.text, keywords) if top_life_event(parse) != NONE else None
        multi.add(row.labels, set(detected.events) if detected else set())
    return scores, multi


def report(scores: Scores, multi: MultiEventScores) -> None:
    print(f"{'label':<24}{'prec':>7}{'rec':>7}{'f1':>7}{'n':>5}")
    for label, (precision, recall, f1, support) in scores.per_label().items():
        print(f"{label:<24}{precision:>7.3f}{recall:>7.3f}{f1:>7.3f}{support:>5}")
    print("\nconfusion pairs (gold -> predicted: count)")
    for (gold, predicted), count in scores.confusions.most_common():
        print(f"  {gold} -> {predicted}: {count}")
    print(
        f"\nmulti-event rows: all events found in {multi.all_found}/{multi.multi_rows}; "
        f"single-event rows with an extra event proposed: {multi.extra_on_single}/{multi.single_rows}"
    )
    summary = scores.summary()
    print(f"top-1 accuracy: {summary['accuracy']:.3f} on {summary['n']} rows")
    print(json.dumps(summary))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path)
    parser.add_argument("--model", type=Path, default=REPO_ROOT / "models" / "wegwijzer.tar.gz")
    args = parser.parse_args(argv)
    if not args.model.exists():
        print(f"No model at {args.model}: run `make train` first.", file=sys.stderr)
        return 1
    try:
        scores, multi = asyncio.run(evaluate(args.model, args.csv))
    except (EvalFileError, FileNotFoundError) as error:
        print(f"nlu_eval: {error}", file=sys.stderr)
        return 2
    report(scores, multi)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
