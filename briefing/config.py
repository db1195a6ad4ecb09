"""Every option of a build, its type, default, bounds and help: the one place.

`Config` is a frozen pydantic dataclass, so it is validated however it is made:
from a TOML file (`load_config`), from command-line options (the CLI passes
them to `load_config` as overrides) or in Python (`Config(words=...)`,
`dataclasses.replace(config, ...)`). Each option is declared once, with
`option(table, default, help, bounds...)`; the CLI's help and the JSON Schema
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

import re
import tomllib
from dataclasses import fields, replace
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field, Strict, TypeAdapter, ValidationError, model_validator
from pydantic.dataclasses import dataclass

from briefing.errors import ConfigError

FORMATS = ("pdf", "md", "html", "json")
UNASSIGNED_POLICIES = ("other", "drop")
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3a", "pdf/a-3b")
DEFAULT_CONFIG_NAME = "briefing.toml"
# The tables of briefing.toml, in the order a generated file lists them ("" = top level).
TABLES = ("", "summary", "topics", "input", "output")

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
Day = Annotated[date | None, BeforeValidator(_day)]


def option(table: str, default: Any, help: str, **bounds: Any) -> Any:
    """Declare an option: the TOML table it lives in, its default, its help text and bounds (gt, ge, lt...)."""
    return Field(default, description=help, json_schema_extra={"table": table}, **bounds)


@dataclass(frozen=True, config=ConfigDict(extra="forbid"))
class SectionSpec:
    """One section of a profile: what it is about, in words and seed terms."""

    title: Annotated[Text, BeforeValidator(lambda v: v.strip() if isinstance(v, str) else v)] = Field(
        description="the heading readers see", min_length=1)
    description: Text = Field("", description="two or three sentences in the words articles use about it")
    terms: tuple[Text, ...] = Field((), description="words and phrases that mark the subject (they count double)")

    @property
    def anchor(self) -> str:
        return "section-" + (re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-") or "x")


@dataclass(frozen=True, config=ConfigDict(extra="forbid"))
class Config:
    """A build's settings, validated on construction. Field defaults are the documented defaults."""

    title: Text | None = option("", None, "Title of the briefing; default: the headline that best speaks for the articles.")
    sources: Annotated[tuple[Source, ...], BeforeValidator(_listed)] = option(
        "", (), "Article files, folders, feeds and http(s) URLs.")
    sections: tuple[SectionSpec, ...] = option("", (), "The profile: the sections, in reading order; none: discover topics.")

    summarizer: Text = option("summary", "coverage", "Summarizer of the sections (see `briefing summarizers`).")
    words_per_section: Int = option("summary", 130, "Word budget of each section.", gt=0)
    total_words: Int = option("summary", 700, "Word budget of all sections; they share it by size.", gt=0)
    key_points: Int = option("summary", 4, "Sentences under 'Key points'.", ge=0)
    key_point_words: Int = option("summary", 130, "Word budget of the key points.", gt=0)
    new_since_words: Int = option("summary", 100, "Word budget of the 'New since' section.", gt=0)

    threshold: Float = option("topics", 0.06, "Least similarity for a passage to join a section.", ge=0, lt=1)
    unassigned: Literal["other", "drop"] = option("topics", "other", "Passages that fit no section: to 'other' or 'drop'.")
    other_title: Text = option("topics", "Other", "Title of the section of unassigned passages.", min_length=1)
    discover: Int = option("topics", 0, "Topics to discover when there are no sections; 0: by corpus size.", ge=0)

    since: Day = option("input", None, "Leave out articles published before this date (YYYY-MM-DD).")
    refresh: Bool = option("input", False, "Fetch URLs again instead of reading them from the cache.")
    cache: Path | None = option("input", None, "Folder of fetched pages; default: OUT/.cache/pages.")
    fetch_timeout: Float = option("input", 20.0, "Seconds to wait for one web page.", gt=0)
    max_redirects: Int = option("input", 5, "Redirects followed per URL.", ge=0)
    robots: Bool = option("input", True, "Obey each site's robots.txt.")
    host_delay: Float = option("input", 1.0, "Least seconds between two requests to one site.", ge=0)

    formats: Annotated[tuple[Literal["pdf", "md", "html", "json"], ...], BeforeValidator(_listed)] = option(
        "output", FORMATS, "Outputs to write, some of pdf, md, html, json.", min_length=1)
    out: Path = option("output", Path("out"), "Output folder.")
    templates: Path | None = option("output", None, "Folder of template overrides.")
    citations_shown: Int = option(
        "output", 2, "Sources shown in a citation before the rest are counted ('[4, 5 +27 more]').", ge=1)
    pdf_variant: Literal["pdf/ua-1", "pdf/a-3a", "pdf/a-3b"] = option(
        "output", "pdf/ua-1", "PDF standard: pdf/ua-1 (tagged, accessible), pdf/a-3a or pdf/a-3b (archival).")
    strict: Bool = option("output", False, "Warnings (a skipped file, an empty section) fail the build.")
    max_file_bytes: Int = option("output", 20_000_000, "Larger inputs are refused.", gt=0)
    keep: Int = option("output", 0, "Editions kept in OUT/editions; 0 keeps all.", ge=0)
    lock_timeout: Float = option("output", 60.0, "Seconds a build waits for another on the same output folder.", ge=0)

    path: Path | None = Field(None, description="The config file read, if any (not a TOML key).")

    @model_validator(mode="after")
    def _distinct_sections(self) -> Config:
        titles = [s.title.lower() for s in self.sections]
        if len(set(titles)) != len(titles):
            raise ValueError("'sections' has two sections of the same title")
        return self


def describe(name: str) -> str:
    """The help text of option `name`, as declared."""
    return Config.__pydantic_fields__[name].description or ""


def table_of(name: str) -> str | None:
    """The TOML table option `name` lives in ("" = top level); None for what is not a TOML key."""
    extra = Config.__pydantic_fields__[name].json_schema_extra
    return extra.get("table") if isinstance(extra, dict) else None  # type: ignore[return-value]


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
            for sub, subvalue in value.items():
                if sub in options_in(key):
                    values[sub] = subvalue
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
            entry.pop("table", None)
            entry.pop("title", None)
            members[name] = entry
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
