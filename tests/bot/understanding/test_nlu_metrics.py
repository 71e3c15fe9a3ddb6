"""Metrics of the NLU evaluation bench, checked on hand-computed examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.understanding.nlu_metrics import EvalFileError, MultiEventScores, Scores, read_labelled_csv


def test_scores_on_known_rows() -> None:
    scores = Scores()
    scores.add(frozenset({"birth"}), "birth")
    scores.add(frozenset({"birth"}), "moving")
    scores.add(frozenset({"job_loss", "money_problems"}), "money_problems")
    scores.add(frozenset({"none"}), "none")
    scores.add(frozenset({"none"}), "death")
    table = scores.per_label()
    assert table["birth"][:2] == (1.0, 0.5)
    assert table["none"][:2] == (1.0, 0.5)
    assert table["moving"][0] == 0.0
    summary = scores.summary()
    assert summary["accuracy"] == 0.6 and summary["none_recall"] == 0.5 and summary["n"] == 5
    assert scores.confusions[("birth", "moving")] == 1


def test_multi_event_scores() -> None:
    multi = MultiEventScores()
    multi.add(frozenset({"job_loss", "money_problems"}), {"job_loss", "money_problems"})
    multi.add(frozenset({"divorce", "moving"}), {"divorce"})
    multi.add(frozenset({"birth"}), {"birth", "moving"})
    multi.add(frozenset({"none"}), {"birth"})
    assert (multi.multi_rows, multi.all_found, multi.single_rows, multi.extra_on_single) == (2, 1, 1, 1)


def test_csv_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "eval.csv"
    path.write_text("text,label\nhallo,birth\nfoo,vakantie\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match=r"eval.csv:3: unknown label"):
        read_labelled_csv(path, {"birth"})
    path.write_text("tekst,label\nx,birth\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match="header"):
        read_labelled_csv(path, {"birth"})


def test_the_split_column_is_kept_per_row(tmp_path: Path) -> None:
    path = tmp_path / "real.csv"
    path.write_text(
        "text,label,source,split\nHoe zet je je bedrijf stop?,stop_business,https://a.be,eval\n"
        "Wie ontvangt het startbedrag?,birth,https://b.be,train\n",
        encoding="utf-8",
    )
    rows = read_labelled_csv(path, {"stop_business", "birth"})
    assert [row.split for row in rows] == ["eval", "train"]
