"""Briefing -> HTML, Markdown and JSON: the one module that builds output text.

Templates are looked up in the user's template directory first, then in the
packaged defaults, one file at a time; an override can also extend the
default it replaces as `default/<name>`.

Templates named `*.md.j2` are Markdown: every `{{ ... }}` value in them is
Markdown-escaped unless it is `MdSafe`. Every other template is HTML and
autoescaped.

A template folder is trusted less than the code: templates render in Jinja's
sandbox (no `__globals__`, no `os`), and a template lookup, an include or an
extends, never leaves the template folders, not even through a symlink.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox

from briefing.config import shipped_dir
from briefing.errors import TemplateError
from briefing.models import (
    Briefing,
    Carrier,
    FigureConflict,
    NamedPerson,
    Source,
    Speaker,
    StoryPage,
    SummarySection,
    SummarySentence,
    TimelineEvent,
)
from briefing.urls import web_url

# Version of briefing.json's shape (briefing/schemas/briefing.schema.json):
# raised when a field changes meaning or goes; a field added does not raise it.
SCHEMA_VERSION = 1

HTML_TEMPLATE = "briefing.html.j2"
MARKDOWN_TEMPLATE = "digest.md.j2"
STYLESHEET = "briefing.css"

_ANCHOR = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_RESERVED_ANCHORS = {"top", "key-points", "sources", "new-since", "figures", "timeline", "who-said-what"}
# Key points of each story shown on a front page.
FRONT_KEY_POINTS = 3

# Characters that act anywhere in a line: CommonMark's inline syntax, `#`
# (a heading's closing sequence), GFM's `|` tables and `~` strikethrough,
# and the `{}` of attribute plugins.
_MD_INLINE = re.compile(r"([\\`*_{}\[\]<>#|~])")
# Only an `&` that starts an entity reference changes meaning.
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# The rest only act at the start of a line: list bullets, thematic breaks
# and setext underlines, ordered-list numbers.
_MD_BLOCK_START = re.compile(r"\A(?:([+=-])|(\d+)([.)]))")


class MdSafe(str):
    """Markdown text that is already escaped and must be output as is."""


def md_escape(value: Any) -> MdSafe:
    """Escape text so Markdown shows it verbatim, folded onto one line.

    Article text can then never become a link, emphasis, raw HTML, a heading
    or a list, wherever a template places it. An `MdSafe` value comes back
    unchanged, so escaping twice is harmless.
    """
    if isinstance(value, MdSafe):
        return value
    text = " ".join(str(value).split())
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    text = _MD_BLOCK_START.sub(_escape_block_start, text)
    return MdSafe(text)


def _escape_block_start(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return match.group(2) + "\\" + match.group(3)


def md_url(url: str) -> MdSafe:
    """A web address as a CommonMark autolink; anything else as plain text."""
    if web_url(url):
        return MdSafe(f"<{url}>")
    return md_escape(url)


@jinja2.pass_eval_context
def _finalize(eval_ctx: jinja2.nodes.EvalContext, value: Any) -> Any:
    """Markdown-escape every string a Markdown template outputs."""
    if eval_ctx.autoescape or not isinstance(value, str):
        return value
    return md_escape(value)


def _is_html(name: str | None) -> bool:
    return name is None or not name.endswith((".md.j2", ".md"))


def default_templates_dir() -> Path:
    """The packaged templates: `<repo>/templates`, or `briefing.templates` in a wheel."""
    return shipped_dir("templates")


def template_dirs(user_dir: Path | None) -> tuple[Path, ...]:
    """The template search path: the user's directory first, then the defaults."""
    default = default_templates_dir()
    if user_dir is None:
        return (default,)
    if not Path(user_dir).is_dir():
        raise TemplateError(f"template directory not found: {user_dir}")
    return (Path(user_dir), default)


def assets_dir(user_dir: Path | None) -> Path:
    """The directory relative URLs in a template or stylesheet resolve against."""
    return template_dirs(user_dir)[0]


# Entries of a front page's index of stories its PDF shows (about four pages); the others are counted and left
# to the HTML, Markdown and JSON, which index every story: 2,042 stories made a PDF of 79 pages, about 8 s
# of CPU in every build, a sixth of a rebuild after one article is added.
PRINTED_INDEX = 100


def template_env(user_dir: Path | None = None, citations_shown: int = 2, front_stories: int = 25) -> jinja2.Environment:
    """A jinja2 environment over the user's templates, then the packaged ones.

    `default/<name>` always names the packaged template, so an override can
    `{% extends "default/briefing.html.j2" %}` and replace single blocks.
    Templates call `cited(ids)` for the sources a citation shows and the
    count of the rest (see `shown_citations`); a front page shows its first
    `front_stories` stories in full and lists the rest (`front_stories`,
    `indexed_stories`), and lists only the sources its own text cites
    (`page_sources`).
    """
    dirs = template_dirs(user_dir)
    loader = jinja2.ChoiceLoader([
        jinja2.PrefixLoader({"default": _ConfinedLoader(dirs[-1])}),
        _ConfinedLoader([str(d) for d in dirs]),
    ])
    env = jinja2.sandbox.SandboxedEnvironment(
        loader=loader,
        autoescape=_is_html,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_compiled_templates(),
    )
    env.filters.update(
        md_escape=md_escape,
        md_safe=MdSafe,
        md_url=md_url,
        stamp=_stamp,
        file_name=_file_name,
        web_url=_web_url,
        source_details=_source_details,
        carried_by=_carried_by,
        story_link=story_link,
        date_range=_date_range,
    )
    env.globals["front_stories"] = lambda briefing: briefing.stories[:front_stories]
    env.globals["indexed_stories"] = lambda briefing: briefing.stories[front_stories:]
    env.globals["cited"] = lambda ids: shown_citations(ids, citations_shown)
    env.globals["front_key_points"] = FRONT_KEY_POINTS
    return env


def page_sources(briefing: Briefing) -> tuple[Source, ...]:
    """The sources a page lists: all of a story's; of a front page, only those its own bullets cite (what is new),
    since each story's briefing lists its own: thousands of articles make no source list a reader can use."""
    if not briefing.stories:
        return briefing.sources
    cited = {source for sentence in (briefing.new_since.summary if briefing.new_since else ()) for source in sentence.sources}
    return tuple(s for s in briefing.sources if s.id in cited)


def _compiled_templates() -> jinja2.BytecodeCache | None:
    """Where compiled templates are kept between runs: compiling them is about 45 ms of CPU, 2 ms read
    back, a few per cent of a one-story build. Jinja's own per-user folder in the temporary directory,
    which it creates private (0700) and refuses when another user owns it; an entry is used only for the
    same template source, Jinja and Python. None (compile every run) where that folder cannot be had."""
    try:
        return jinja2.FileSystemBytecodeCache(pattern="briefing-%s.cache")
    except RuntimeError:  # Jinja found the folder unsafe (owned by another user, or open to others)
        return None


def shared_env(user_dir: Path | None = None, citations_shown: int = 2, front_stories: int = 25) -> jinja2.Environment:
    """`template_env(user_dir, citations_shown, front_stories)`, made once per process and reused.

    An environment compiles each template once and keeps it, so every story of a
    front page renders with templates compiled once (per worker process when the
    stories are written on a pool). Jinja still checks each template's file for
    changes before using it; a file added to or removed from the user's folder
    (which can change which template a name finds) gives a new environment.
    """
    folder = None if user_dir is None else Path(user_dir).resolve()
    return _env_for(folder, citations_shown, front_stories, _folder_stamp(folder))


@functools.lru_cache(maxsize=8)
def _env_for(user_dir: Path | None, citations_shown: int, front_stories: int,
             stamp: tuple[tuple[str, int], ...]) -> jinja2.Environment:
    return template_env(user_dir, citations_shown, front_stories)


def _folder_stamp(folder: Path | None) -> tuple[tuple[str, int], ...]:
    """Each folder under `folder` with its modification time, which a file added, removed or renamed changes."""
    if folder is None or not folder.is_dir():
        return ()
    return tuple((root, os.stat(root).st_mtime_ns) for root, _, _ in os.walk(folder))


def shown_citations(ids: tuple[int, ...], limit: int) -> tuple[tuple[int, ...], int]:
    """The first `limit` source ids of a citation and how many more it has; all of
    them when only one would be left out ("+1 more" is no shorter than the number)."""
    if len(ids) <= limit + 1:
        return tuple(ids), 0
    return tuple(ids[:limit]), len(ids) - limit
class _ConfinedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that refuses a template whose real path is outside its folders (a symlink out)."""

    def get_source(self, environment: jinja2.Environment, template: str):
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if not any(real.is_relative_to(Path(folder).resolve()) for folder in self.searchpath):
            raise TemplateError(f"template {template} leads outside the template folders (to {real}); refused")
        return source, filename, uptodate


def to_html(briefing: Briefing, env: jinja2.Environment, for_print: bool = False, parts: bool = True) -> str:
    """The briefing as one standalone HTML document, the PDF's source too.

    `for_print` (the PDF's) lists only the sources the briefing cites and counts
    the rest: a story's PDF stays a few pages, a front page's names no source
    (each story's briefing lists its own), and the full list stays in the HTML and JSON.
    Of a front page's index of stories it shows the first PRINTED_INDEX and counts the rest.
    Without `parts`, who said what, the figures and the timeline are left out and
    named as found in the other editions (a story's digest PDF).
    """
    elsewhere: tuple[str, ...] = ()
    if not parts:
        briefing, elsewhere = _without_parts(briefing)
    listed = page_sources(briefing)
    if for_print:
        cited = cited_ids(briefing)
        listed = tuple(source for source in briefing.sources if source.id in cited)
    return _render(env, HTML_TEMPLATE, briefing, listed, elsewhere, PRINTED_INDEX if for_print else None)


def print_html(briefing: Briefing, env: jinja2.Environment, html: str | None = None, parts: bool = True) -> str:
    """The HTML a PDF is made from (see `to_html`); `html`, the briefing's HTML output if
    already rendered, is reused when the two would be the same (every source cited, all parts)."""
    if (html is not None and parts and {source.id for source in briefing.sources} <= cited_ids(briefing)
            and len(briefing.stories) <= PRINTED_INDEX):
        return html
    return to_html(briefing, env, for_print=True, parts=parts)


def _without_parts(briefing: Briefing) -> tuple[Briefing, tuple[str, ...]]:
    """The briefing without its parts, and the names of those it had."""
    had = (("Who said what", bool(briefing.who_said_what)), ("Figures that disagree", bool(briefing.figures)),
           ("Timeline", bool(briefing.timeline)))
    return (dataclasses.replace(briefing, who_said_what=(), figures=None, timeline=None),
            tuple(name for name, present in had if present))


def cited_ids(briefing: Briefing) -> set[int]:
    """The ids of the sources the briefing's own text cites: summaries, statements, figures, events."""
    sentences = [*briefing.key_points, *(s for section in briefing.sections for s in section.summary)]
    if briefing.new_since is not None:
        sentences.extend(briefing.new_since.summary)
    cited = {source for sentence in sentences for source in sentence.sources}
    for sentence in sentences:  # the outlets that carry it are named too (key points)
        if sentence.corroboration is not None:
            cited.update(source for group in sentence.corroboration.outlets for source in group)
    for speaker in briefing.who_said_what:
        cited.update(source for statement in speaker.statements for source in (statement.source, *statement.also))
    for conflict in briefing.figures or ():
        cited.update(source for figure in conflict.figures for source in figure.sources)
    cited.update(source for event in briefing.timeline or () for source in event.sources)
    return cited


def to_markdown(briefing: Briefing, env: jinja2.Environment) -> str:
    """The briefing as a CommonMark digest, citations linked to a numbered source list."""
    return _render(env, MARKDOWN_TEMPLATE, briefing)


def to_json(briefing: Briefing, base: Path | None = None) -> str:
    """The briefing as `briefing.json` text (see `briefing_dict`)."""
    return json.dumps(briefing_dict(briefing, base), indent=2, ensure_ascii=False) + "\n"


def briefing_dict(briefing: Briefing, base: Path | None = None) -> dict[str, Any]:
    """The briefing as plain JSON-ready values, dates in ISO format, as
    `briefing/schemas/briefing.schema.json` documents; file paths relative to `base`."""
    briefing = with_anchors(briefing)
    return {
        "schema_version": SCHEMA_VERSION,
        "title": briefing.title,
        "generated_at": briefing.generated_at.isoformat(),
        "sources": [_source_dict(s, base) for s in briefing.sources],
        "key_points": [_sentence_dict(s) for s in briefing.key_points],
        "sections": [_section_dict(s) for s in briefing.sections],
        "warnings": list(briefing.warnings),
        "new_since": _section_dict(briefing.new_since) if briefing.new_since else None,
        "removed": list(briefing.removed),
        # None when the part is switched off; offsets index the source's cleaned text.
        "figures": None if briefing.figures is None else [_conflict_dict(c) for c in briefing.figures],
        "timeline": None if briefing.timeline is None else [_event_dict(e) for e in briefing.timeline],
        "who_said_what": [_speaker_dict(s) for s in briefing.who_said_what],
        "stories": [_story_dict(page) for page in briefing.stories],
    }


def _story_dict(page: StoryPage) -> dict[str, Any]:
    """A front-page entry: the story's headline, counts, dates, key points and where its briefing is."""
    return {
        "headline": page.briefing.title,
        "slug": page.slug,
        "briefing": story_link(page, "json"),
        "sources": len(page.briefing.sources),
        "outlets": page.outlets,
        "first": page.first.isoformat() if page.first else None,
        "last": page.last.isoformat() if page.last else None,
        "key_points": [_sentence_dict(s) for s in page.briefing.key_points[:FRONT_KEY_POINTS]],
    }


def story_link(page: StoryPage, fmt: str) -> str:
    """The relative address of a story's own briefing in format `fmt`, from the front page."""
    return f"stories/{page.slug}/briefing.{fmt}"


def _date_range(page: StoryPage) -> str:
    """`1998-10-16 to 1998-11-02`, one date when they agree, "" when undated."""
    if page.first is None or page.last is None:  # both or neither (`stories.date_range`)
        return ""
    if page.first == page.last:
        return page.first.isoformat()
    return f"{page.first.isoformat()} to {page.last.isoformat()}"


def with_anchors(briefing: Briefing) -> Briefing:
    """The briefing with every section given a unique, HTML-safe anchor."""
    taken = set(_RESERVED_ANCHORS)
    sections = []
    for number, section in enumerate(briefing.sections, start=1):
        anchor = section.anchor
        if not _ANCHOR.match(anchor) or anchor in taken or anchor.startswith("source-"):
            anchor = _free_anchor(f"section-{number}", taken)
        taken.add(anchor)
        sections.append(dataclasses.replace(section, anchor=anchor))
    return dataclasses.replace(briefing, sections=tuple(sections))


def _free_anchor(base: str, taken: set[str]) -> str:
    anchor, suffix = base, 1
    while anchor in taken:
        suffix += 1
        anchor = f"{base}-{suffix}"
    return anchor


def _render(env: jinja2.Environment, name: str, briefing: Briefing, listed: tuple[Source, ...] | None = None,
            elsewhere: tuple[str, ...] = (), index_shown: int | None = None) -> str:
    """Render template `name`; the document lists the `listed` sources (default: all) and links
    to them, names the parts `elsewhere` (left to the other editions), and of a front page's
    index of stories shows the first `index_shown` (default: all)."""
    briefing = with_anchors(briefing)
    listed = page_sources(briefing) if listed is None else listed
    context = {"briefing": briefing, "listed_sources": listed, "unlisted": len(briefing.sources) - len(listed),
               "source_ids": {s.id for s in listed}, "parts_elsewhere": elsewhere, "index_shown": index_shown}
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template not found: {exc.name}") from exc
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or name
        raise TemplateError(f"{where}:{exc.lineno}: {exc.message}") from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(f"template {name} failed: {exc}") from exc


def _source_dict(source: Source, base: Path | None) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": source.id,
        "title": source.title,
        "outlet": source.outlet,
        "author": source.author,
        "published": source.published.isoformat() if source.published else None,
        "date_source": source.date_source,  # where the date was stated; see README "Dates"
        "partial_date": str(source.partial_date) if source.partial_date else None,  # "--02-26": no year stated
    }
    url = source.url or web_url(source.origin)
    if url:
        entry["url"] = url
    else:
        entry["path"] = relative_path(source.origin, base)
    if source.claimed_url:
        entry["claimed_url"] = source.claimed_url  # what the page says it is; `url` is where it came from
    if source.also:
        entry["also"] = [_carrier_dict(c, base) for c in source.also]
    entry["text"] = source.text
    return entry


def relative_path(origin: str, base: Path | None) -> str:
    """A file's path as written relative to `base` (a URL as it is), so that the JSON
    names no folder of the machine that built it."""
    if base is None or web_url(origin) or not Path(origin).is_absolute():
        return origin
    return Path(os.path.relpath(origin, base)).as_posix()


def _carrier_dict(carrier: Carrier, base: Path | None) -> dict[str, Any]:
    published = carrier.published.isoformat() if carrier.published else None
    return {"outlet": carrier.outlet, "published": published, "url": carrier.url,
            "origin": relative_path(carrier.origin, base)}


def _sentence_dict(sentence: SummarySentence) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "text": sentence.text,
        "sources": list(sentence.sources),
        "start": sentence.start,
        "end": sentence.end,
        "speaker": None,
        "people": _people_list(sentence.people),
        "corroboration": None,
    }
    if sentence.speaker or sentence.speaker_role:
        entry["speaker"] = {"name": sentence.speaker or None, "role": sentence.speaker_role or None,
                            "named_in_sentence": sentence.speaker_named, "per": sentence.sources[0]}
    if sentence.corroboration is not None:
        entry["corroboration"] = {
            "outlets": sentence.corroboration.count,
            "groups": [list(group) for group in sentence.corroboration.outlets],
            "supports": [
                {"source": s.source, "start": s.start, "end": s.end, "text": s.text, "same_words": s.same_words}
                for s in sentence.corroboration.supports
            ],
        }
    return entry


def _speaker_dict(speaker: Speaker) -> dict[str, Any]:
    return {
        "name": speaker.name,
        "role": speaker.role or None,
        "sources": list(speaker.sources),
        "statements": [
            {"text": s.text, "source": s.source, "start": s.start, "end": s.end, "kind": s.kind, "cue": s.cue,
             "said_on": s.said_on.isoformat() if s.said_on else None, "also": list(s.also),
             "quoted": s.quoted}
            for s in speaker.statements
        ],
    }


def _people_list(people: Sequence[NamedPerson]) -> list[dict[str, Any]]:
    return [{"written": p.written, "name": p.name, "role": p.role or None} for p in people]


def _conflict_dict(conflict: FigureConflict) -> dict[str, Any]:
    """Each figure with its sentence's offsets and the figure's own, in the text of its first source."""
    return {"about": conflict.about, "figures": [
        dataclasses.asdict(f) | {"sources": list(f.sources), "people": _people_list(f.people)} for f in conflict.figures]}


def _event_dict(event: TimelineEvent) -> dict[str, Any]:
    return dataclasses.asdict(event) | {
        "earliest": event.earliest.isoformat(),
        "latest": event.latest.isoformat(),
        "sources": list(event.sources),
        "people": _people_list(event.people),
    }


def _section_dict(section: SummarySection) -> dict[str, Any]:
    return {
        "title": section.title,
        "anchor": section.anchor,
        "summary": [_sentence_dict(s) for s in section.summary],
        "passages": [{"source": p.article + 1, "text": p.text} for p in section.passages],
    }


def _stamp(moment: datetime) -> str:
    """`2022-04-05 08:30 UTC`; a naive time is taken to be UTC already."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _web_url(source: Source) -> str | None:
    """The source's http(s) address, if it has one safe to link to."""
    return web_url(source.url) or web_url(source.origin)


def _file_name(source: Source) -> str:
    """The last part of a source's origin path, as the user will recognise it."""
    return Path(source.origin).name or source.origin


def _carried_by(source: Source) -> list[tuple[str, str | None]]:
    """The other outlets that carried a merged source, each once: (name, web address or None)."""
    seen = {(source.outlet or "").casefold()}
    found = []
    for carrier in source.also:
        url = web_url(carrier.url) or web_url(carrier.origin)
        name = carrier.outlet or (re.sub(r"^www\.", "", url.split("/")[2]) if url else Path(carrier.origin).name)
        if name.casefold() not in seen:
            seen.add(name.casefold())
            found.append((name, url))
    return found


def _source_details(source: Source) -> list[str]:
    """Outlet, author and date: the fields present, in citation order."""
    published = source.published.isoformat() if isinstance(source.published, date) else None
    if published is None and source.partial_date:
        published = f"{source.partial_date.label} (year not stated)"
    return [part for part in (source.outlet, source.author, published) if part]

