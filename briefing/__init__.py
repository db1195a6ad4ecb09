"""briefing: news articles about one story to a cited briefing."""


def version() -> str:
    """The installed version of the tool ("unknown" when run from a bare checkout)."""
    from importlib import metadata

    try:
        return metadata.version("briefing")
    except metadata.PackageNotFoundError:
        return "unknown"
