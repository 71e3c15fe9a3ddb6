"""Redaction time on adversarial input (issue: a 15 KB POST froze the server for 5 s).

Usage: .venv/bin/python bench/redaction.py [--kb 16] [--random 200]
Prints, per input family, the time to redact N KB of it, then one JSON line with the worst case
and the worst milliseconds per KB.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.insights.privacy import redact  # noqa: E402

FAMILIES = {
    "quote_a": "'a",
    "at_run": "a@",
    "capitals": "Aa ",
    "street_words": "Kerkstraat ",
    "street_numbers": "straat 1 ",
    "two_word_street": "Grote Markt ",
    "rrn_like": "85.07.30-033.28 ",
    "phones": "+32 470 12 34 56 ",
    "emails": "a.b@c.de ",
    "names": "ik ben Jan Jansen ",
    "hyphens": "a-",
    "dots": "1.",
}
ALPHABET = "aA'-. 0123456789@straatlei,/+ÉéNnrbus"


def timed(text: str) -> float:
    started = time.perf_counter()
    redact(text)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kb", type=int, default=16)
    parser.add_argument("--random", type=int, default=200, help="random adversarial strings to try")
    args = parser.parse_args(argv)
    size = args.kb * 1024
    results = {}
    for name, unit in FAMILIES.items():
        text = (unit * (size // len(unit) + 1))[:size]
        results[name] = max(timed(text) for _ in range(3))
        print(f"{name:16} {args.kb} KB  {results[name] * 1000:8.1f} ms")
    generator = random.Random(7)
    worst_random = max(
        timed("".join(generator.choice(ALPHABET) for _ in range(size))) for _ in range(args.random)
    )
    print(f"{'random (worst)':16} {args.kb} KB  {worst_random * 1000:8.1f} ms  ({args.random} strings)")
    worst = max([*results.values(), worst_random])
    print(
        json.dumps(
            {
                "kb": args.kb,
                "worst_ms": round(worst * 1000, 1),
                "worst_ms_per_kb": round(worst * 1000 / args.kb, 2),
                "worst_family": max(results, key=results.get),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
