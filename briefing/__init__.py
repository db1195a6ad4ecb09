"""briefing: news articles about one story to a cited briefing.

The library in four names:

    import briefing
    config = briefing.Config(sources=["articles"], out="out", formats=["md", "json"])
    outcome = briefing.build(config)          # what `briefing build` does; outcome.line() says what
    config = briefing.load_config("story/briefing.toml", words_per_section=90)

`Config` validates on construction (a bad value raises pydantic's
ValidationError, a ValueError); `load_config` and `build` raise `BriefingError`
subclasses with a one-line `message`. A path is a `Path` or a plain string;
only an http(s) string is a URL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefing.about import version

if TYPE_CHECKING:
    from pathlib import Path

    from briefing.config import Config, SectionSpec, load_config
    from briefing.editions.regenerate import Outcome
    from briefing.errors import BriefingError

__all__ = ["BriefingError", "Config", "SectionSpec", "build", "load_config", "version"]

def build(config: Config | str | Path | None = None, *, force: bool = False, **options: Any) -> Outcome:
    """Build the briefing of `config` into its output folder, as `briefing build` does.

    `config` is a `Config`, or the path of a briefing.toml, or None for the
    defaults; `options` override single keys (`out="site"`, `formats=["md"]`),
    validated like the file. Returns the `Outcome`: built, up to date or
    unchanged, and the edition. Nothing is rebuilt when nothing changed,
    unless `force`.
    """
    # Imported here, not above: `import briefing` stays light (pydantic, the build's stages).
    from dataclasses import replace
    from pathlib import Path

    from briefing.config import Config, load_config
    from briefing.editions.regenerate import regenerate

    if not isinstance(config, Config):
        config = load_config(Path(config) if config is not None else None, **options)
    elif options:
        config = replace(config, **options)
    return regenerate(config, force=force)


def __getattr__(name: str) -> Any:
    # The rest of the API is imported on first use: `import briefing` stays light.
    if name in ("Config", "SectionSpec", "load_config"):
        from briefing import config

        return getattr(config, name)
    if name == "BriefingError":
        from briefing.errors import BriefingError

        return BriefingError
    raise AttributeError(f"module 'briefing' has no attribute {name!r}")
