"""Every option of a build, its default and its validation: the one place.

A config file is TOML. A user's file overrides only the keys it sets; paths in
it are relative to the file. Every error found is reported at once, in one
line, naming the key.

    title = "South Ossetia's referendum"
    sources = ["."]

    [summary]
    summarizer = "coverage"
    words_per_section = 130

    [topics]
    threshold = 0.08

    [[sections]]
    title = "The referendum"
    description = "The plan to hold a referendum on joining Russia."
    terms = ["referendum", "vote", "unification"]
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from briefing.errors import ConfigError

FORMATS = ("pdf", "md", "html", "json")
UNASSIGNED_POLICIES = ("other", "drop")
DEFAULT_CONFIG_NAME = "briefing.toml"


@dataclass(frozen=True)
class SectionSpec:
    """One section of a profile: what it is about, in words and seed terms."""

    title: str
    description: str = ""
    terms: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        return "section-" + (re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-") or "x")


@dataclass(frozen=True)
class Config:
    """A build's settings. Field defaults are the documented defaults."""

    title: str | None = field(default=None, metadata={"doc": "briefing title; default: from the articles"})
    sources: tuple[Path, ...] = field(default=(), metadata={"doc": "files, folders"})
    sections: tuple[SectionSpec, ...] = field(default=(), metadata={"doc": "the profile; none: discover"})
    threshold: float = field(default=0.06, metadata={"doc": "least similarity to join a section"})
    unassigned: str = field(default="other", metadata={"doc": "'other' section or 'drop'"})
    other_title: str = field(default="Other", metadata={"doc": "title of the unassigned section"})
    discover: int = field(default=0, metadata={"doc": "topics to discover without a profile; 0: auto"})
    summarizer: str = field(default="coverage", metadata={"doc": "summarizer for sections"})
    words_per_section: int = field(default=130, metadata={"doc": "word budget of each section"})
    total_words: int = field(default=700, metadata={"doc": "word budget of all sections"})
    key_points: int = field(default=6, metadata={"doc": "sentences under 'Key points'"})
    key_point_words: int = field(default=130, metadata={"doc": "word budget of the key points"})
    new_since_words: int = field(default=100, metadata={"doc": "word budget of the 'New since' section"})
    formats: tuple[str, ...] = field(default=FORMATS, metadata={"doc": "outputs to write"})
    out: Path = field(default=Path("out"), metadata={"doc": "output directory"})
    templates: Path | None = field(default=None, metadata={"doc": "folder of template overrides"})
    strict: bool = field(default=False, metadata={"doc": "warnings fail the build"})
    max_file_bytes: int = field(default=20_000_000, metadata={"doc": "larger inputs are refused"})
    keep: int = field(default=0, metadata={"doc": "editions kept in out/editions; 0 keeps all"})
    lock_timeout: float = field(default=60.0, metadata={"doc": "seconds a build waits for another on the same out"})
    since: date | None = field(default=None, metadata={"doc": "leave out articles published before this date"})
    refresh: bool = field(default=False, metadata={"doc": "fetch URLs again instead of reading the cache"})
    cache: Path | None = field(default=None, metadata={"doc": "folder of fetched pages; default: <out>/.cache/pages"})
    fetch_timeout: float = field(default=20.0, metadata={"doc": "seconds to wait for one web page"})
    max_redirects: int = field(default=5, metadata={"doc": "redirects followed per URL"})
    robots: bool = field(default=True, metadata={"doc": "obey each site's robots.txt"})
    host_delay: float = field(default=1.0, metadata={"doc": "least seconds between two requests to one site"})
    path: Path | None = field(default=None, metadata={"doc": "the config file read, if any"})


# Where each option lives in the TOML file: table name ("" = top level).
_TABLES: dict[str, tuple[str, ...]] = {
    "": ("title", "sources"),
    "summary": ("summarizer", "words_per_section", "total_words", "key_points", "key_point_words", "new_since_words"),
    "topics": ("threshold", "unassigned", "other_title", "discover"),
    "input": ("since", "refresh", "cache", "fetch_timeout", "max_redirects", "robots", "host_delay"),
    "output": ("formats", "out", "templates", "strict", "max_file_bytes", "keep", "lock_timeout"),
}
_PATH_KEYS = {"out", "templates", "cache"}


def default_config_path() -> Path:
    """The embedded default: the seed articles and their profile."""
    return shipped_dir("seeds") / DEFAULT_CONFIG_NAME


def shipped_dir(name: str) -> Path:
    """A top-level folder of the project (`templates`, `seeds`).

    In a source checkout (and an editable install) it sits beside the package;
    in a wheel it is installed as the package `briefing.<name>`.
    """
    beside = Path(__file__).resolve().parent.parent / name
    if beside.is_dir():
        return beside
    # It has no __init__.py, so it may load as a namespace package, whose
    # files() is a MultiplexedPath: its children are real paths.
    child = next(resources.files(f"briefing.{name}").iterdir())
    return Path(str(child)).parent


def load_config(path: Path | None, **overrides: Any) -> Config:
    """Read `path` (or use defaults), apply CLI `overrides` that are not None, validate."""
    data = _read_toml(path) if path else {}
    errors: list[str] = []
    values = _flatten(data, errors)
    base = path.resolve().parent if path else Path.cwd()
    values = _resolve_paths(values, base)
    values.update({k: v for k, v in overrides.items() if v is not None})
    config = _build(values, errors)
    errors += _validate(config)
    if errors:
        where = f"{path}: " if path else ""
        raise ConfigError(where + "; ".join(errors))
    return replace(config, path=path)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from None


def _flatten(data: dict[str, Any], errors: list[str]) -> dict[str, Any]:
    """TOML tables to flat option names; unknown keys are errors."""
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key == "sections":
            values["sections"] = value
        elif key in _TABLES and key and isinstance(value, dict):
            for sub, subvalue in value.items():
                if sub in _TABLES[key]:
                    values[sub] = subvalue
                else:
                    errors.append(f"unknown key '{key}.{sub}'")
        elif key in _TABLES[""]:
            values[key] = value
        else:
            errors.append(f"unknown key '{key}'")
    return values


def _resolve_paths(values: dict[str, Any], base: Path) -> dict[str, Any]:
    resolved = dict(values)
    for key in _PATH_KEYS & values.keys():
        if isinstance(values[key], str):
            resolved[key] = base / values[key]
    if isinstance(values.get("sources"), list):
        resolved["sources"] = [
            base / s if isinstance(s, str) and "://" not in s else s for s in values["sources"]
        ]
    return resolved


def _build(values: dict[str, Any], errors: list[str]) -> Config:
    """A Config from checked values; a value of the wrong type is an error."""
    kwargs: dict[str, Any] = {}
    for f in fields(Config):
        if f.name not in values or f.name == "path":
            continue
        converted = _convert(f.name, values[f.name], errors)
        if converted is not None:
            kwargs[f.name] = converted
    return Config(**kwargs)


def _convert(name: str, value: Any, errors: list[str]) -> Any:
    expected = {f.name: f.type for f in fields(Config)}[name]
    try:
        if name == "sections":
            return _sections(value)
        if name == "sources":
            return tuple(Path(s) if not isinstance(s, Path) and "://" not in str(s) else s for s in _strings(value))
        if name == "formats":
            return tuple(_strings(value))
        if name == "since":
            return _date(value)
        if expected == "bool":
            return _typed(value, bool)
        if expected == "int":
            return _typed(value, int)
        if expected == "float":
            return float(_typed(value, (int, float)))
        if name in _PATH_KEYS:
            return Path(_typed(value, (str, Path)))
        return _typed(value, str)
    except (TypeError, ValueError) as error:
        errors.append(f"'{name}' {error}")
        return None


def _typed(value: Any, types: type | tuple[type, ...]) -> Any:
    types = types if isinstance(types, tuple) else (types,)
    # bool is an int to Python, never to a user writing `words = true`.
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
        raise TypeError(f"must be {_type_name(types)}, not {value!r}")
    return value


def _type_name(types: tuple[type, ...]) -> str:
    names = [t.__name__ for t in types if t is not Path]
    return {"str": "a string", "int": "a whole number", "bool": "true or false"}.get(
        "/".join(names), "a number" if "float" in names else " or ".join(names)
    )


def _date(value: Any) -> date:
    """A TOML date, or a string like 2022-04-01 (from the command line)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(_typed(value, str).strip())
    except ValueError:
        raise ValueError(f"must be a date like 2022-04-01, not {value!r}") from None


def _strings(value: Any) -> list[str]:
    if isinstance(value, (str, Path)):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, (str, Path)) for v in value):
        raise TypeError(f"must be a list of strings, not {value!r}")
    return [str(v) if not isinstance(v, Path) else v for v in value]


def _sections(value: Any) -> tuple[SectionSpec, ...]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise TypeError("must be a list of [[sections]] tables")
    specs = []
    for number, table in enumerate(value, 1):
        unknown = set(table) - {"title", "description", "terms"}
        if unknown:
            raise ValueError(f"#{number} has unknown key '{sorted(unknown)[0]}'")
        title = table.get("title")
        if not isinstance(title, str) or not title.strip():
            raise ValueError(f"#{number} needs a 'title' string")
        description = table.get("description", "")
        terms = table.get("terms", [])
        if not isinstance(description, str):
            raise TypeError(f"#{number} 'description' must be a string")
        if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
            raise TypeError(f"#{number} 'terms' must be a list of strings")
        specs.append(SectionSpec(title.strip(), description.strip(), tuple(terms)))
    if not specs:
        raise ValueError("is empty: give at least one [[sections]] table or leave it out")
    return tuple(specs)


def _validate(config: Config) -> list[str]:
    """Checks across values; types are already right."""
    errors = []
    for name in ("words_per_section", "total_words", "key_point_words", "new_since_words", "max_file_bytes"):
        if getattr(config, name) <= 0:
            errors.append(f"'{name}' must be positive")
    if config.key_points < 0 or config.discover < 0:
        errors.append("'key_points' and 'discover' must not be negative")
    if config.fetch_timeout <= 0 or config.max_redirects < 0 or config.host_delay < 0:
        errors.append("'fetch_timeout' must be positive, 'max_redirects' and 'host_delay' not negative")
    if config.keep < 0 or config.lock_timeout < 0:
        errors.append("'keep' and 'lock_timeout' must not be negative")
    if not 0 <= config.threshold < 1:
        errors.append("'threshold' must be between 0 and 1")
    if config.unassigned not in UNASSIGNED_POLICIES:
        errors.append(f"'unassigned' must be one of {', '.join(UNASSIGNED_POLICIES)}")
    bad = [f for f in config.formats if f not in FORMATS]
    if bad or not config.formats:
        errors.append(f"'formats' must be some of {','.join(FORMATS)}, not {','.join(bad) or 'nothing'}")
    titles = [s.title.lower() for s in config.sections]
    if len(set(titles)) != len(titles):
        errors.append("'sections' has two sections of the same title")
    return errors
