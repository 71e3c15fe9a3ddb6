"""Which pages may be cited as a source: the competent or executing authority's own page.

The policy is data (``data/sources/policy.yml``): official domains of public bodies and a short,
documented allow-list of semi-official bodies. A page of a municipality (``meise.be``,
``stad.gent``, ``www.gemeente-x.be``) is always refused: a rule must not reach a citizen of one
municipality through another municipality's page. Everything else is refused too.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

import yaml

from bot.settings import REPO_ROOT

POLICY_FILE = REPO_ROOT / "data" / "sources" / "policy.yml"
PLACES_FILE = REPO_ROOT / "data" / "places" / "municipalities.json"
MUNICIPAL_PREFIXES = ("stad", "gemeente", "ocmw", "sociaalhuis")
"""Prefixes of a municipality's domain name: stadkortrijk.be, gemeentemeise.be."""


@dataclass(frozen=True)
class SourceVerdict:
    """What the policy says about one URL."""

    kind: str
    """``official``, ``semi_official``, ``municipal`` or ``refused``."""
    reason: str = ""
    level: str | None = None
    """The government level of the body behind the page (``derden`` for semi-official bodies)."""

    @property
    def allowed(self) -> bool:
        return self.kind in ("official", "semi_official")


@dataclass(frozen=True)
class SourcePolicy:
    official: dict[str, str]
    """domain -> government level"""
    semi_official: dict[str, tuple[str, str]]
    """domain -> (level, why it may stand in)"""
    municipal_names: frozenset[str]

    def judge(self, url: str) -> SourceVerdict:
        """The verdict for one source URL."""
        host = (urlparse(url).hostname or "").lower().removeprefix("www.")
        if not host:
            return SourceVerdict("refused", "not a web address")
        for domain, level in self.official.items():
            if _within(host, domain):
                return SourceVerdict("official", level=level)
        for domain, (level, why) in self.semi_official.items():
            if _within(host, domain):
                return SourceVerdict("semi_official", why, level)
        if _municipal(host, self.municipal_names):
            return SourceVerdict(
                "municipal",
                f"{host} is a municipality's page; cite the competent authority, or say the rule "
                "differs per municipality",
            )
        return SourceVerdict(
            "refused",
            f"{host} is not an official source (allowed domains: data/sources/policy.yml)",
        )


def _within(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]", "", ascii_name)


def _municipal(host: str, names: frozenset[str]) -> bool:
    labels = host.split(".")
    candidates = {_slug(labels[0])}
    if len(labels) >= 2 and labels[-1] == "gent":  # stad.gent
        candidates.add("gent")
    for prefix in MUNICIPAL_PREFIXES:
        if labels[0].startswith(prefix):
            candidates.add(_slug(labels[0][len(prefix) :]))
    return bool(candidates & names)


@lru_cache(maxsize=2)
def load_policy(path: Path = POLICY_FILE) -> SourcePolicy:
    """The policy file; raises ``ValueError`` naming the file when it is malformed."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    official, semi = data.get("official"), data.get("semi_official")
    if not isinstance(official, dict) or not isinstance(semi, list):
        raise ValueError(f"{path}: needs 'official' (level -> domains) and the list 'semi_official'")
    domains = {
        str(domain).lower(): str(level)
        for level, listed in official.items()
        for domain in (listed if isinstance(listed, list) else [])
    }
    allow = {}
    for number, entry in enumerate(semi, start=1):
        if not isinstance(entry, dict) or not all(entry.get(key) for key in ("domain", "level", "why")):
            raise ValueError(f"{path}: semi_official entry {number} needs 'domain', 'level' and 'why'")
        allow[str(entry["domain"]).lower()] = (str(entry["level"]), str(entry["why"]))
    places = json.loads(PLACES_FILE.read_text(encoding="utf-8"))["municipalities"]
    names = frozenset(
        _slug(entry[key]) for entry in places for key in ("name_nl", "name_fr") if entry.get(key)
    )
    return SourcePolicy(domains, allow, names)
