"""Which files in a source folder are read: articles by suffix, and the metadata beside them.

Kept apart from the readers so that the up-to-date check (editions/fingerprint.py)
knows which files a build reads without importing them.
"""

from __future__ import annotations

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES + JSONL_SUFFIXES
SOURCES_MANIFEST = "sources.toml"  # a folder's metadata file (metadata.py)
