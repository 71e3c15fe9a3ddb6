"""Builds the Dutch spaCy pipeline that Rasa's SpacyNLP loads from ``build/spacy_nl``.

Preferred: spaCy's official ``nl_core_news_sm`` 3.4 (installed from its release wheel by the
Makefile when the network allows). Fallback: ``spacy.blank("nl")`` plus the simplemma
lemmatizer, which needs no download. The chosen pipeline is written to disk so that
``config.yml`` can point at one fixed path either way.

Usage: ``python -m bot.nlp.build_pipeline OUT_DIR``
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

OFFICIAL_PACKAGE = "nl_core_news_sm"
FALLBACK_NAME = "wegwijzer_nl_simplemma"


def build(out_dir: Path) -> str:
    """Writes the best available Dutch pipeline to ``out_dir`` and returns its description."""
    import spacy  # heavy: imported only when building

    from bot.nlp.simplemma_lemmatizer import COMPONENT_NAME

    try:
        nlp = spacy.load(OFFICIAL_PACKAGE)
        description = f"{OFFICIAL_PACKAGE} {nlp.meta.get('version', '?')} (official spaCy pipeline)"
    except OSError:
        nlp = spacy.blank("nl")
        nlp.add_pipe(COMPONENT_NAME)
        nlp.meta["name"] = FALLBACK_NAME
        nlp.meta["version"] = "1.0.0"
        nlp.meta["description"] = (
            "Fallback Dutch pipeline: spacy.blank('nl') tokenizer + simplemma lemmatizer, "
            f"used because {OFFICIAL_PACKAGE} could not be installed."
        )
        description = (
            f"{FALLBACK_NAME} (spacy.blank('nl') + simplemma lemmatizer; {OFFICIAL_PACKAGE} not installable)"
        )
    nlp.meta["spacy_version"] = f">={spacy.about.__version__},<3.5.0"
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
    (out_dir / "WEGWIJZER_PIPELINE.json").write_text(
        json.dumps({"description": description}, ensure_ascii=False), encoding="utf-8"
    )
    return description


def describe(out_dir: Path) -> str:
    """Returns the description of the pipeline built in ``out_dir``."""
    marker = out_dir / "WEGWIJZER_PIPELINE.json"
    if not marker.exists():
        return "no Dutch spaCy pipeline built yet"
    return json.loads(marker.read_text(encoding="utf-8"))["description"]


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    args = sys.argv[1:] if argv is None else argv
    out_dir = Path(args[0] if args else "build/spacy_nl")
    description = build(out_dir)
    print(f"spaCy pipeline for Dutch: {description} -> {out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
