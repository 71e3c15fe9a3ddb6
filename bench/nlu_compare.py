"""Wegwijzer's NLU pipeline side by side with Rasa's default pipeline, on the same data.

Usage (from the repository root; takes about an hour on 2 cores, mostly the default pipeline):

    .venv/bin/python bench/nlu_compare.py [--folds 3] [--no-cross-validation] [--reuse]

For each configuration -- ``config.yml`` (ours) and ``bench/configs/default_pipeline.yml`` (Rasa 3.6's
default pipeline, only the language set) -- the script

1. trains an NLU model on ``data/nlu`` (``rasa train nlu``) and times it;
2. scores that model on the held-out file ``tests/data/nlu_holdout.csv`` with ``bench/nlu_eval.py``'s
   scoring (top-1 life event, ``none`` when no life event is predicted);
3. runs Rasa's own stratified cross-validation, ``rasa test nlu --cross-validation --folds K``, on
   ``data/nlu`` (all intents, including the conversation basics) and reads its accumulated test-fold
   ``intent_report.json``.

Everything is written under ``build/bench/nlu_compare/<name>/``; ``--reuse`` keeps models and
cross-validation reports found there (from an earlier run of this script on unchanged files). The last
line is one JSON object with all figures.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "bench"))

from nlu_eval import evaluate  # noqa: E402

from bot.knowledge.validation import life_event_ids  # noqa: E402

RASA = REPO_ROOT / ".venv" / "bin" / "rasa"
CONFIGS = {
    "wegwijzer": REPO_ROOT / "config.yml",
    "default": REPO_ROOT / "bench" / "configs" / "default_pipeline.yml",
}
QUIET = {
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "RASA_TELEMETRY_ENABLED": "false",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
}


def fingerprint(config: Path, nlu_dir: Path) -> str:
    """A hash of the configuration and every NLU training file (so --reuse never mixes versions)."""
    digest = hashlib.sha256(config.read_bytes())
    for path in sorted(nlu_dir.rglob("*.yml")):
        digest.update(str(path.relative_to(nlu_dir)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def run_logged(command: list[str], log: Path) -> float:
    """Runs a command with its output in ``log``; returns the wall-clock seconds or exits on failure."""
    started = time.monotonic()
    with open(log, "w") as out:
        result = subprocess.run(
            command, cwd=REPO_ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **QUIET}
        )
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])} ... failed (exit {result.returncode}); see {log}")
    return round(time.monotonic() - started, 1)


def load_state(folder: Path) -> dict:
    path = folder / "state.json"
    return json.loads(path.read_text()) if path.exists() else {}


def train(name: str, config: Path, nlu_dir: Path, folder: Path, reuse: bool) -> tuple[Path, float | None]:
    state, print_ = load_state(folder), lambda text: print(f"[{name}] {text}", flush=True)
    model = folder / f"{name}.tar.gz"
    if reuse and model.exists() and state.get("fingerprint") == fingerprint(config, nlu_dir):
        print_(f"reusing {model.relative_to(REPO_ROOT)}")
        return model, state.get("train_s")
    print_(f"training the NLU model with {config.relative_to(REPO_ROOT)} ...")
    data_fingerprint = fingerprint(config, nlu_dir)  # before training: files may change while it runs
    seconds = run_logged(
        [
            str(RASA),
            "train",
            "nlu",
            "--config",
            str(config),
            "--nlu",
            str(nlu_dir),
            "--out",
            str(folder),
            "--fixed-model-name",
            name,
        ],
        folder / "train.log",
    )
    state.update(fingerprint=data_fingerprint, train_s=seconds)
    (folder / "state.json").write_text(json.dumps(state, indent=2))
    return model, seconds


def cross_validate(name: str, config: Path, nlu_dir: Path, folder: Path, folds: int, reuse: bool) -> dict:
    state = load_state(folder)
    out = folder / f"cv_{folds}_folds"
    report = out / "intent_report.json"
    key = f"cv_{folds}_s"
    if not (reuse and report.exists() and state.get("cv_fingerprint") == fingerprint(config, nlu_dir)):
        print(f"[{name}] {folds}-fold cross-validation ...", flush=True)
        data_fingerprint = fingerprint(config, nlu_dir)
        seconds = run_logged(
            [
                str(RASA),
                "test",
                "nlu",
                "--cross-validation",
                "--folds",
                str(folds),
                "--config",
                str(config),
                "--nlu",
                str(nlu_dir),
                "--out",
                str(out),
                "--no-plot",
            ],
            folder / f"cv_{folds}_folds.log",
        )
        state.update(cv_fingerprint=data_fingerprint, **{key: seconds})
        (folder / "state.json").write_text(json.dumps(state, indent=2))
    data = json.loads(report.read_text())
    macro, weighted = data["macro avg"], data["weighted avg"]
    events = [data[label] for label in life_event_ids() if isinstance(data.get(label), dict)]
    others = [
        v
        for k, v in data.items()
        if isinstance(v, dict) and "support" in v and k not in life_event_ids() and not k.endswith(" avg")
    ]
    return {
        "folds": folds,
        "accuracy": round(data["accuracy"], 3),
        "macro_f1": round(macro["f1-score"], 3),
        "weighted_f1": round(weighted["f1-score"], 3),
        "n": int(macro["support"]),
        "life_events": _group(events),
        "other_intents": _group(others),
        "seconds": state.get(key),
    }


def _group(reports: list[dict]) -> dict:
    """Accuracy (support-weighted recall) and macro-F1 over a group of intents of Rasa's report."""
    support = sum(r["support"] for r in reports)
    return {
        "intents": len(reports),
        "n": int(support),
        "accuracy": round(sum(r["recall"] * r["support"] for r in reports) / support, 3) if support else None,
        "macro_f1": round(sum(r["f1-score"] for r in reports) / len(reports), 3) if reports else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--folds", type=int, default=3, help="cross-validation folds (Rasa's stratified split)"
    )
    parser.add_argument(
        "--no-cross-validation", action="store_true", help="only train and score the hold-out"
    )
    parser.add_argument("--holdout", type=Path, default=REPO_ROOT / "tests" / "data" / "nlu_holdout.csv")
    parser.add_argument("--nlu", type=Path, default=REPO_ROOT / "data" / "nlu")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "build" / "bench" / "nlu_compare")
    parser.add_argument(
        "--only", choices=sorted(CONFIGS), action="append", help="run only this configuration"
    )
    parser.add_argument("--reuse", action="store_true", help="keep models and reports from an earlier run")
    args = parser.parse_args(argv)
    if args.folds < 2:
        parser.error("--folds must be at least 2")
    results: dict[str, dict] = {}
    for name in args.only or list(CONFIGS):
        config, folder = CONFIGS[name], args.out / name
        folder.mkdir(parents=True, exist_ok=True)
        model, train_s = train(name, config, args.nlu.resolve(), folder, args.reuse)
        scores, multi = asyncio.run(evaluate(model, args.holdout))
        results[name] = {
            "config": str(config.relative_to(REPO_ROOT)),
            "train_s": train_s,
            "holdout": {**scores.summary(), "multi_all_found": f"{multi.all_found}/{multi.multi_rows}"},
            "confusions": [
                f"{gold} -> {predicted}: {count}"
                for (gold, predicted), count in scores.confusions.most_common(8)
            ],
        }
        if not args.no_cross_validation:
            results[name]["cross_validation"] = cross_validate(
                name, config, args.nlu.resolve(), folder, args.folds, args.reuse
            )
    print_table(results)
    print(json.dumps(results))
    return 0


def print_table(results: dict[str, dict]) -> None:
    names = list(results)
    rows = [("NLU training time (s)", lambda r: r["train_s"])]
    for key in ("accuracy", "macro_f1", "none_recall", "n"):
        rows.append((f"held-out {key}", lambda r, k=key: r["holdout"].get(k)))
    rows.append(("held-out multi-event all found", lambda r: r["holdout"]["multi_all_found"]))
    if all("cross_validation" in r for r in results.values()):
        folds = results[names[0]]["cross_validation"]["folds"]
        for key in ("accuracy", "macro_f1", "weighted_f1", "n", "seconds"):
            rows.append((f"{folds}-fold CV {key}", lambda r, k=key: r["cross_validation"].get(k)))
        for group in ("life_events", "other_intents"):
            for key in ("accuracy", "macro_f1"):
                rows.append(
                    (f"{folds}-fold CV {group} {key}", lambda r, g=group, k=key: r["cross_validation"][g][k])
                )
    print("\n" + f"{'':<34}" + "".join(f"{n:>14}" for n in names))
    for label, get in rows:
        print(f"{label:<34}" + "".join(f"{_fmt(get(results[n])):>14}" for n in names))
    for name in names:
        print(f"\n{name}: most frequent held-out confusions")
        for line in results[name]["confusions"]:
            print(f"  {line}")


def _fmt(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, float) and value < 10 else str(value)


if __name__ == "__main__":
    raise SystemExit(main())
