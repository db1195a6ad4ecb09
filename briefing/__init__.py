"""briefing: news articles about one story to a cited briefing."""

DISTRIBUTION = "cited-briefing"  # the name on the package index ("briefing" there is another project)


def version() -> str:
    """The installed version of the tool ("unknown" when run from a bare checkout)."""
    from importlib import metadata

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown"
