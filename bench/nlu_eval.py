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

from bot.nlu_metrics import NONE, EvalFileError, Scores, read_labelled_csv  # noqa: E402
from bot.validation import LIFE_EVENT_IDS  # noqa: E402


def top_life_event(parse: dict) -> str:
    """The predicted life event of a parse result, or ``none``."""
    intent = (parse.get("intent") or {}).get("name")
    return intent if intent in LIFE_EVENT_IDS else NONE


async def evaluate(model: Path, csv_path: Path) -> Scores:
    from rasa.core.agent import Agent

    rows = read_labelled_csv(csv_path, set(LIFE_EVENT_IDS))
    agent = Agent.load(str(model))
    scores = Scores()
    for row in rows:
        parse = await agent.parse_message(row.text)
        scores.add(row.labels, top_life_event(parse))
    return scores


def report(scores: Scores) -> None:
    print(f"{'label':<24}{'prec':>7}{'rec':>7}{'f1':>7}{'n':>5}")
    for label, (precision, recall, f1, support) in scores.per_label().items():
        print(f"{label:<24}{precision:>7.3f}{recall:>7.3f}{f1:>7.3f}{support:>5}")
    print("\nconfusion pairs (gold -> predicted: count)")
    for (gold, predicted), count in scores.confusions.most_common():
        print(f"  {gold} -> {predicted}: {count}")
    summary = scores.summary()
    print(f"\ntop-1 accuracy: {summary['accuracy']:.3f} on {summary['n']} rows")
    print(json.dumps(summary))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path)
    parser.add_argument("--model", type=Path, default=REPO_ROOT / "models" / "wegwijzer.tar.gz")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    if not args.model.exists():
        print(f"No model at {args.model}: run `make train` first.", file=sys.stderr)
        return 1
    try:
        scores = asyncio.run(evaluate(args.model, args.csv))
    except (EvalFileError, FileNotFoundError) as error:
        print(f"nlu_eval: {error}", file=sys.stderr)
        return 2
    report(scores)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
