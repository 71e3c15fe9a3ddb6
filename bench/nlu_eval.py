"""Evaluates the trained NLU model on a labelled CSV and prints its figures.

Usage: ``.venv/bin/python bench/nlu_eval.py tests/data/nlu_holdout.csv [--model models/wegwijzer.tar.gz]``
and ``.venv/bin/python bench/nlu_eval.py tests/data/real_questions.csv --split eval``.
By default the parse is re-ranked by the second opinion on life events, as the assistant does
(``bot/understanding/event_scorer.py``); ``--diet-only`` scores the Rasa model alone.

Prints per-label precision/recall/F1, the confusion pairs, top-1 accuracy and, as its last
line, one JSON object with accuracy, macro_f1, none_recall, n and hit_at_buttons: the right event
is the one the assistant starts, or among the situations it offers as buttons when unsure
(``bot/dialogue/reading.py``: up to MAX_CLARIFY_OPTIONS events from MIN_CLARIFY_CONFIDENCE, or the
two events the classifier and the second opinion dispute when no trigger phrase settles them); for a
``none`` row, no journey is started.
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

from bot.dialogue.reading import MAX_CLARIFY_OPTIONS, MIN_CLARIFY_CONFIDENCE  # noqa: E402
from bot.dialogue.turn import LIFE_EVENT_MIN_CONFIDENCE  # noqa: E402
from bot.knowledge.knowledge_base import load_knowledge_base  # noqa: E402
from bot.knowledge.validation import life_event_ids  # noqa: E402
from bot.understanding.event_detection import KeywordIndex, detect_events  # noqa: E402
from bot.understanding.event_scorer import (  # noqa: E402
    EventScorer,
    nlu_examples,
    reranked_intent,
    settle_dispute,
)
from bot.understanding.nlu_metrics import NONE, EvalFileError, MultiEventScores, Scores, read_labelled_csv  # noqa: E402


def top_life_event(parse: dict) -> str:
    """The predicted life event of a parse result, or ``none``."""
    intent = (parse.get("intent") or {}).get("name")
    return intent if intent in life_event_ids() else NONE


def _quiet_rasa_logs() -> None:
    import structlog

    logging.disable(logging.WARNING)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))


def offered(parse: dict) -> set[str]:
    """The events the person can reach in one step: the journey started, or the clarify buttons."""
    if parse.get("disputed"):
        return set(parse["disputed"])
    events = set(life_event_ids())
    intent = parse.get("intent") or {}
    if intent.get("name") in events and float(intent.get("confidence") or 0) >= LIFE_EVENT_MIN_CONFIDENCE:
        return {str(intent["name"])}
    ranking = [r for r in parse.get("intent_ranking") or [] if r.get("name") in events]
    clarify = [r for r in ranking if float(r.get("confidence") or 0) >= MIN_CLARIFY_CONFIDENCE]
    return {str(r["name"]) for r in clarify[:MAX_CLARIFY_OPTIONS]}


def second_opinion(scorer: EventScorer, parse: dict, keywords: KeywordIndex) -> dict:
    """The parse as the dialogue sees it after the life events are re-ranked.

    When the two models put different situations first, the dialogue starts the one a trigger
    phrase names, or asks with both as buttons (``disputed`` in the result).
    """
    original = (parse.get("intent") or {}).get("name")
    ranking = tuple(
        (str(r["name"]), float(r.get("confidence") or 0.0)) for r in parse.get("intent_ranking") or []
    )
    if not ranking:
        return parse
    text = str(parse.get("text") or "")
    reranked = scorer.rerank(text, ranking)
    intent, confidence = reranked_intent(original, reranked)
    disputed = scorer.disputed(text, ranking)
    if disputed and intent in life_event_ids() and confidence >= LIFE_EVENT_MIN_CONFIDENCE:
        settled = settle_dispute(disputed, keywords.events_in(text), str(intent))
        intent = settled or intent
        disputed = () if settled else disputed
    else:
        disputed = ()
    return {
        **parse,
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": [{"name": n, "confidence": c} for n, c in reranked],
        "disputed": list(disputed),
    }


async def evaluate(
    model: Path, csv_path: Path, split: str | None = None, diet_only: bool = False
) -> tuple[Scores, MultiEventScores, float]:
    from rasa.core.agent import Agent

    _quiet_rasa_logs()
    rows = [
        row
        for row in read_labelled_csv(csv_path, set(life_event_ids()))
        if split is None or row.split == split
    ]
    hits = 0
    agent = Agent.load(str(model))
    keywords = KeywordIndex.from_knowledge_base(load_knowledge_base(REPO_ROOT / "data" / "life_events"))
    scorer = None if diet_only else EventScorer(nlu_examples(REPO_ROOT / "data" / "nlu"), life_event_ids())
    scores, multi = Scores(), MultiEventScores()
    for row in rows:
        parse = await agent.parse_message(row.text)
        if scorer is not None:
            parse = second_opinion(scorer, parse, keywords)
        scores.add(row.labels, top_life_event(parse))
        ranking = [r for r in parse.get("intent_ranking") or [] if r.get("name") != "nlu_fallback"]
        detected = detect_events(ranking, row.text, keywords) if top_life_event(parse) != NONE else None
        multi.add(row.labels, set(detected.events) if detected else set())
        shown = offered(parse)
        hits += not shown if NONE in row.labels else bool(shown & row.labels)
    return scores, multi, round(hits / len(rows), 3) if rows else 0.0


def report(scores: Scores, multi: MultiEventScores, hit_at_buttons: float) -> None:
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
    summary = {**scores.summary(), "hit_at_buttons": hit_at_buttons}
    print(
        f"top-1 accuracy: {summary['accuracy']:.3f} on {summary['n']} rows; "
        f"right event offered: {hit_at_buttons:.3f}"
    )
    print(json.dumps(summary))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path)
    parser.add_argument("--model", type=Path, default=REPO_ROOT / "models" / "wegwijzer.tar.gz")
    parser.add_argument("--split", choices=("train", "eval"), help="only the rows of this split")
    parser.add_argument("--diet-only", action="store_true", help="without the second opinion on life events")
    args = parser.parse_args(argv)
    if not args.model.exists():
        print(f"No model at {args.model}: run `make train` first.", file=sys.stderr)
        return 1
    try:
        scores, multi, hit_at_buttons = asyncio.run(
            evaluate(args.model, args.csv, args.split, args.diet_only)
        )
    except (EvalFileError, FileNotFoundError) as error:
        print(f"nlu_eval: {error}", file=sys.stderr)
        return 2
    report(scores, multi, hit_at_buttons)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
