"""YAML loading that remembers the line of every value, for precise error messages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[Any, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file."""

    file: Path
    line: int | None
    path: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        return f"{where}: {self.path}: {self.reason}"


class ProblemCollector:
    """Collects the problems of one file, each with the line of the nearest known path."""

    def __init__(self, file: Path, lines: dict[Path_, int]) -> None:
        self.file, self.lines = file, lines
        self.problems: list[Problem] = []

    def add(self, path: Path_, reason: str) -> None:
        line = self.lines.get(path)
        probe = path
        while line is None and probe:
            probe = probe[:-1]
            line = self.lines.get(probe)
        self.problems.append(Problem(self.file, line, format_path(path), reason))


def json_ready(value: Any) -> Any:
    """YAML gives dates as ``datetime.date``; JSON Schema reads them as ISO texts."""
    if isinstance(value, dict):
        return {str(key): json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_ready(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class YamlFileError(Exception):
    """A YAML file could not be read or parsed."""

    def __init__(self, file: Path, line: int | None, reason: str) -> None:
        self.file, self.line, self.reason = file, line, reason
        where = f"{file}:{line}" if line else str(file)
        super().__init__(f"{where}: {reason}")


def load_with_lines(file: Path) -> tuple[Any, dict[Path_, int]]:
    """Parses ``file`` safely and returns (data, {path: 1-based line})."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise YamlFileError(file, None, f"cannot read file: {error}") from error
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error)
        raise YamlFileError(file, line, f"invalid YAML: {problem}") from error
    lines: dict[Path_, int] = {}
    if node is not None:
        _collect(node, (), lines)
    return data, lines


def _collect(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[path + (key,)] = key_node.start_mark.line + 1
            _collect(value_node, path + (key,), lines)
            lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect(item, path + (index,), lines)


def format_path(path: Path_) -> str:
    """Renders ('steps', 2, 'source_url') as ``steps[2].source_url``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(root)"
