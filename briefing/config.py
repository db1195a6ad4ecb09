"""Every option of a build, its type, default, bounds and help: the one place.

`Config` is a frozen pydantic dataclass, so it is validated however it is made:
from a TOML file (`load_config`), from command-line options (the CLI passes
them to `load_config` as overrides) or in Python (`Config(words=...)`,
`dataclasses.replace(config, ...)`). Each option is declared once, with
`name: Annotated[type, Toml(table)] = Field(default=..., description=help, bounds...)`;
the CLI's help and the JSON Schema
of `briefing.toml` (`toml_schema`, shipped as
`briefing/schemas/briefing.toml.schema.json`) are made from these declarations.

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

import hashlib
import json
import re
import tomllib
from dataclasses import asdict, fields, replace
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    TypeAdapter,
    ValidationError,
    model_validator,
)
from pydantic.dataclasses import dataclass
from pydantic.fields import FieldInfo

from briefing.engine.base import ENGINES
from briefing.errors import ConfigError
from briefing.urls import web_url

Format = Literal["pdf", "md", "html", "json"]
FORMATS: tuple[Format, ...] = ("pdf", "md", "html", "json")
UNASSIGNED_POLICIES = ("other", "drop")
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3a", "pdf/a-3b")
DEFAULT_CONFIG_NAME = "briefing.toml"
# The tables of briefing.toml, in the order a generated file lists them ("" = top level).
TABLES = ("", "summary", "parts", "topics", "input", "output", "deliver", "engine")

# Strict: a TOML `words = true` or `words = "130"` is a mistake, not a number.
Int = Annotated[int, Strict()]
Float = Annotated[float, Strict()]  # a whole number is a float too; true is not
Bool = Annotated[bool, Strict()]
Text = Annotated[str, Strict()]


def _source(value: Any) -> Any:
    """A source is a URL when it is an http(s) address given as text, else a path."""
    if isinstance(value, str) and not re.match(r"https?://", value, re.IGNORECASE):
        return Path(value)
    return value


def _listed(value: Any) -> Any:
    """One value where a list is expected is a list of one; text splits at its commas."""
    if isinstance(value, str) and "," in value:
        return [part.strip() for part in value.split(",") if part.strip()]
    return [value] if isinstance(value, (str, Path)) else value


def _day(value: Any) -> Any:
    """A date, a datetime (its day) or ISO text like 2022-04-01; nothing else (not a number)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"must be a date like 2022-04-01, not {value!r}") from None
    if value is not None and not isinstance(value, date):
        raise ValueError(f"must be a date like 2022-04-01, not {value!r}")
    return value


Source = Annotated[Path | Text, BeforeValidator(_source)]
Sources = Annotated[tuple[Source, ...], BeforeValidator(_listed)]
Formats = Annotated[tuple[Format, ...], BeforeValidator(_listed)]
Day = Annotated[date | None, BeforeValidator(_day)]


class Toml(NamedTuple):
    """Where an option lives in briefing.toml: its table ("" = the top level), and its key there
    when that is not the option's own name (`[deliver] to` is the option `deliver_to`)."""

    table: str
    key: str | None = None


def _web_address(value: Any) -> Any:
    """An http(s) address, or None."""
    if value is not None and web_url(value) is None:
        raise ValueError("must be an http(s) address")
    return value


WebUrl = Annotated[Text | None, AfterValidator(_web_address)]
Texts = Annotated[tuple[Text, ...], BeforeValidator(_listed)]


# defer_build: the validators are built on first use, not at import, so that
# `briefing --help` (which reads only the declarations) does not pay for them.
@dataclass(frozen=True, config=ConfigDict(extra="forbid", defer_build=True))
class SectionSpec:
    """One section of a profile: what it is about, in words and seed terms."""

    title: Annotated[Text, BeforeValidator(lambda v: v.strip() if isinstance(v, str) else v)] = Field(
        description="the heading readers see", min_length=1
    )
    description: Text = Field(default="", description="two or three sentences in the words articles use about it")
    terms: tuple[Text, ...] = Field(
        default=(), description="words and phrases that mark the subject (they count double)"
    )

    @property
    def anchor(self) -> str:
        return "section-" + (re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-") or "x")


@dataclass(frozen=True, config=ConfigDict(extra="forbid", defer_build=True))
class Config:
    """A build's settings, validated on construction. Field defaults are the documented defaults."""

    title: Annotated[Text | None, Toml("")] = Field(
        default=None, description="Title of the briefing; default: the headline that best speaks for the articles."
    )
    sources: Annotated[Sources, Toml("")] = Field(
        default=(), description="Article files, folders, feeds and http(s) URLs."
    )
    sections: Annotated[tuple[SectionSpec, ...], Toml("")] = Field(
        default=(), description="The profile: the sections, in reading order; none: discover topics."
    )

    summarizer: Annotated[Text, Toml("summary")] = Field(
        default="coverage", description="Summarizer of the sections (see `briefing summarizers`)."
    )
    words_per_section: Annotated[Int, Toml("summary")] = Field(
        default=130, description="Word budget of each section.", gt=0
    )
    total_words: Annotated[Int, Toml("summary")] = Field(
        default=700, description="Word budget of all sections; they share it by size.", gt=0
    )
    key_points: Annotated[Int, Toml("summary")] = Field(
        default=6, description="Most sentences under 'Key points' (the word budget usually ends them first).", ge=0
    )
    key_point_words: Annotated[Int, Toml("summary")] = Field(
        default=130, description="Word budget of the key points.", gt=0
    )
    new_since_words: Annotated[Int, Toml("summary")] = Field(
        default=100, description="Word budget of the 'New since' section.", gt=0
    )

    who_said_what: Annotated[Bool, Toml("parts")] = Field(
        default=True, description="Show the 'Who said what' part: each speaker and their key statements."
    )
    speakers: Annotated[Int, Toml("parts")] = Field(
        default=8, description="Most speakers under 'Who said what', the most quoted first.", ge=0
    )
    statements_per_speaker: Annotated[Int, Toml("parts")] = Field(
        default=3, description="Most statements shown per speaker.", ge=1
    )
    corroboration: Annotated[Bool, Toml("parts")] = Field(
        default=True, description="Show how many independent outlets carry each statement; mark single sources."
    )
    min_outlets: Annotated[Int, Toml("parts")] = Field(
        default=1, description="Key points must be carried by at least this many independent outlets.", ge=1
    )

    threshold: Annotated[Float, Toml("topics")] = Field(
        default=0.06, description="Least similarity for a passage to join a section.", ge=0, lt=1
    )
    unassigned: Annotated[Literal["other", "drop"], Toml("topics")] = Field(
        default="other", description="Passages that fit no section: to 'other' or 'drop'."
    )
    other_title: Annotated[Text, Toml("topics")] = Field(
        default="Other", description="Title of the section of unassigned passages.", min_length=1
    )
    discover: Annotated[Int, Toml("topics")] = Field(
        default=0, description="Topics to discover when there are no sections; 0: as many as the passages hold, at most total_words / words_per_section.", ge=0
    )
    stories: Annotated[Literal[0, 1], Toml("topics")] = Field(
        default=0, description="0: find the stories in the sources (a front page when there are several); 1: one story."
    )

    since: Annotated[Day, Toml("input")] = Field(
        default=None, description="Leave out articles published before this date, YYYY-MM-DD."
    )
    refresh: Annotated[Bool, Toml("input")] = Field(
        default=False, description="Fetch URLs again instead of reading them from the cache."
    )
    cache: Annotated[Path | None, Toml("input")] = Field(
        default=None, description="Folder of fetched pages; default: OUT/.cache/pages."
    )
    fetch_timeout: Annotated[Float, Toml("input")] = Field(
        default=20.0, description="Seconds to wait for one web page.", gt=0
    )
    max_redirects: Annotated[Int, Toml("input")] = Field(default=5, description="Redirects followed per URL.", ge=0)
    robots: Annotated[Bool, Toml("input")] = Field(default=True, description="Obey each site's robots.txt.")
    host_delay: Annotated[Float, Toml("input")] = Field(
        default=1.0, description="Least seconds between two requests to one site.", ge=0
    )
    fetch_budget: Annotated[Float, Toml("input")] = Field(
        default=600.0, description="Seconds all fetching of one build may take; what is left unfetched is a warning.", gt=0
    )
    allow_private: Annotated[Bool, Toml("input")] = Field(
        default=False,
        description="Links found in sources (feed entries, redirects) may lead to private and local addresses: intranet feeds.",
    )

    formats: Annotated[Formats, Toml("output")] = Field(
        default=FORMATS, description="Outputs to write, some of pdf, md, html, json.", min_length=1
    )
    out: Annotated[Path, Toml("output")] = Field(default=Path("out"), description="Output folder.")
    templates: Annotated[Path | None, Toml("output")] = Field(default=None, description="Folder of template overrides.")
    citations_shown: Annotated[Int, Toml("output")] = Field(
        default=2, description="Sources shown in a citation before the rest are counted ('[4, 5 +27 more]').", ge=1
    )
    front_page_stories: Annotated[Int, Toml("output")] = Field(
        default=25, ge=1,
        description="Stories a front page shows in full (headline, key points), the most important first; "
                    "the rest are listed in an index of headlines linking to their briefings.",
    )
    pdf_variant: Annotated[Literal["pdf/ua-1", "pdf/a-3a", "pdf/a-3b"], Toml("output")] = Field(
        default="pdf/ua-1", description="PDF standard: pdf/ua-1 (tagged, accessible), pdf/a-3a or pdf/a-3b (archival)."
    )
    story_pdf: Annotated[Literal["auto", "full", "digest"], Toml("output")] = Field(
        default="auto", description="The PDF of each story of a front page: full (every part, as its HTML), digest "
        "(key points and sections; who said what, figures and timeline left to its HTML, Markdown and JSON: about "
        "half the time per story) or auto (full for the stories the front page shows in full, a digest for those "
        "its index lists)."
    )
    strict: Annotated[Bool, Toml("output")] = Field(
        default=False, description="Warnings (a skipped file, an empty section) fail the build."
    )
    max_file_bytes: Annotated[Int, Toml("output")] = Field(
        default=20_000_000, description="Larger inputs are refused.", gt=0
    )
    keep: Annotated[Int, Toml("output")] = Field(
        default=0, description="Editions kept in OUT/editions; 0 keeps all.", ge=0
    )
    lock_timeout: Annotated[Float, Toml("output")] = Field(
        default=60.0, description="Seconds a build waits for another on the same output folder.", ge=0
    )

    deliver_to: Annotated[Texts, Toml("deliver", "to")] = Field(
        default=(), description="Apprise URLs each new edition is sent to (mailto://, json://, slack://...)."
    )
    deliver: Annotated[Bool, Toml("deliver", "enabled")] = Field(
        default=True, description="Send new editions to the destinations; false: only write them."
    )
    base_url: Annotated[WebUrl, Toml("deliver")] = Field(
        default=None, description="Where OUT is served from, for links in the feed of editions and in messages."
    )

    engine: Annotated[Literal[ENGINES], Toml("engine", "kind")] = Field(  # type: ignore[valid-type]
        default="auto",
        description="Where per-article work and each story's briefing run: auto (in this process until the work "
                    "is worth a pool of processes), local, process or dask.",
    )
    scheduler: Annotated[Text | None, Toml("engine")] = Field(
        default=None, description="A Dask scheduler's address (tcp://host:8786); none: a LocalCluster."
    )
    workers: Annotated[Int, Toml("engine")] = Field(
        default=0, description="Processes of the auto, process and dask engines; 0: one per core.", ge=0
    )

    figures: Annotated[Bool, Toml("parts")] = Field(
        default=True, description="Show 'Figures that disagree': figures of one thing that cannot all be true."
    )
    timeline: Annotated[Bool, Toml("parts")] = Field(default=True, description="Show the 'Timeline' of dated events.")
    timeline_events: Annotated[Int, Toml("parts")] = Field(
        default=30, description="Most events in the timeline, those most sources carry; 0: all.", ge=0
    )

    path: Path | None = Field(default=None, description="The config file read, if any (not a TOML key).")

    @model_validator(mode="after")
    def _distinct_sections(self) -> Config:
        titles = [s.title.lower() for s in self.sections]
        if len(set(titles)) != len(titles):
            raise ValueError("'sections' has two sections of the same title")
        return self


# Options that change how a build runs, never what it produces.
OPERATIONAL = ("path", "keep", "lock_timeout", "refresh", "cache", "fetch_timeout", "max_redirects", "host_delay",
               "deliver_to", "deliver", "base_url", "engine", "scheduler", "workers", "fetch_budget")


def config_hash(config: Config) -> str:
    """A hash of every option that shapes the briefing (all but the OPERATIONAL ones)."""
    values = {k: v for k, v in asdict(config).items() if k not in OPERATIONAL}
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


def describe(name: str) -> str:
    """The help text of option `name`, as declared."""
    return _fields()[name].description or ""


def table_of(name: str) -> str | None:
    """The TOML table option `name` lives in ("" = top level); None for what is not a TOML key."""
    place = _toml(name)
    return place.table if place else None


def key_of(name: str) -> str:
    """The key option `name` has in its TOML table."""
    place = _toml(name)
    return (place.key if place else None) or name


def _toml(name: str) -> Toml | None:
    return next((m for m in _fields()[name].metadata if isinstance(m, Toml)), None)


def _fields() -> dict[str, FieldInfo]:
    return Config.__pydantic_fields__  # type: ignore[attr-defined]  # set by pydantic's decorator


def options_in(table: str) -> list[str]:
    """The options of one TOML table, in declaration order."""
    return [f.name for f in fields(Config) if table_of(f.name) == table]


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


class OptionError(ConfigError):
    """A value given on the command line (an override) that is not valid: names the option."""

    def __init__(self, key: str, problem: str):
        super().__init__(f"'{key}' {problem}")
        self.key, self.problem = key, problem


def load_config(path: Path | str | None, **overrides: Any) -> Config:
    """Read `path` (or use defaults), then apply the `overrides` that are not None.

    An error in the file is a `ConfigError` naming the file and every bad key;
    a bad override is an `OptionError` naming its option.
    """
    path = Path(path) if path is not None else None
    values, errors = _read_file(path) if path else ({}, [])
    config = Config(path=path)
    try:
        config = Config(**values, path=path)
    except ValidationError as error:
        errors.append(explain(error))
    if errors:
        raise ConfigError((f"{path}: " if path else "") + "; ".join(errors))
    for key, value in overrides.items():
        if value is not None:
            try:
                config = replace(config, **{key: value})
            except ValidationError as error:
                raise OptionError(key, _problem(error.errors()[0])) from None
    return config


def _read_file(path: Path) -> tuple[dict[str, Any], list[str]]:
    """The options a TOML file sets, its paths made relative to it, and its unknown keys as errors."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from None
    errors: list[str] = []
    values = _flatten(data, errors)
    if values.get("sections") == []:
        errors.append("'sections' is empty: give at least one [[sections]] table or leave it out")
        del values["sections"]
    return _relative_to(values, path.resolve().parent), errors


def _flatten(data: dict[str, Any], errors: list[str]) -> dict[str, Any]:
    """TOML tables to flat option names; an unknown key is an error."""
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in TABLES and key and isinstance(value, dict):
            names = {key_of(name): name for name in options_in(key)}
            for sub, subvalue in value.items():
                if sub in names:
                    values[names[sub]] = subvalue
                else:
                    errors.append(f"unknown key '{key}.{sub}'")
        elif key in options_in(""):
            values[key] = value
        else:
            errors.append(f"unknown key '{key}'")
    return values


def _relative_to(values: dict[str, Any], base: Path) -> dict[str, Any]:
    """Paths written in a config file are relative to its folder."""
    resolved = dict(values)
    for key in ("out", "templates", "cache"):
        if isinstance(values.get(key), str):
            resolved[key] = base / values[key]
    if isinstance(values.get("sources"), list):
        resolved["sources"] = [base / s if isinstance(_source(s), Path) else s for s in values["sources"]]
    return resolved


def explain(error: ValidationError) -> str:
    """A pydantic error as one line naming each key: "'words_per_section' must be positive; ..."."""
    return "; ".join(_one_error(e) for e in error.errors())


def _one_error(error: Any) -> str:
    if not error["loc"]:
        return _problem(error)
    if error["type"] in ("unexpected_keyword_argument", "extra_forbidden"):
        return f"unknown key '{_key(error['loc'])}'"
    return f"'{_key(error['loc'])}' {_problem(error)}"


def _key(loc: tuple[Any, ...]) -> str:
    """('sections', 0, 'title') -> sections[1].title; ('formats', 2) -> formats"""
    while loc and isinstance(loc[-1], int):
        loc = loc[:-1]
    key = ""
    for part in loc:
        key += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if key else str(part))
    return key or "config"


_PROBLEMS = {
    "int_type": "must be a whole number",
    "float_type": "must be a number",
    "bool_type": "must be true or false",
    "string_type": "must be a string",
    "tuple_type": "must be a list",
    "dataclass_type": "must be a table",
    "dataclass_args_type": "must be a table",
    "missing": "is missing",
    "path_type": "must be a path",
    "unexpected_keyword_argument": "is not a known option",
}


def _problem(error: Any) -> str:
    """What is wrong with one value, in the words of the config file."""
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    shown = f", not {value!r}" if not isinstance(value, (dict, list, tuple)) else ""
    if kind in _PROBLEMS:
        return _PROBLEMS[kind] + (shown if kind.endswith("_type") else "")
    if kind == "greater_than":
        return "must be positive" if ctx["gt"] == 0 else f"must be more than {ctx['gt']}"
    if kind == "greater_than_equal":
        return "must not be negative" if ctx["ge"] == 0 else f"must be at least {ctx['ge']}"
    if kind == "less_than":
        return f"must be less than {ctx['lt']}"
    if kind == "literal_error":
        return f"must be one of {ctx['expected'].replace(' or ', ', ')}{shown}".replace("'", "")
    if kind in ("too_short", "string_too_short"):
        return "must not be empty"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return error["msg"][0].lower() + error["msg"][1:]


def toml_schema() -> dict[str, Any]:
    """The JSON Schema of `briefing.toml`, made from the declarations above (editors use it to check and complete)."""
    flat = TypeAdapter(Config).json_schema()
    defs = flat.get("$defs", {})
    properties: dict[str, Any] = {}
    for table in TABLES:
        members = {}
        for name in options_in(table):
            entry = dict(flat["properties"][name])
            entry.pop("title", None)
            members[key_of(name)] = entry
        if table:
            properties[table] = {"type": "object", "additionalProperties": False, "properties": members}
        else:
            properties.update(members)
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "briefing.toml",
        "description": "The config file of `briefing`: every key optional, paths relative to the file.",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }
    if defs:
        schema["$defs"] = defs
    return schema
