"""Briefing -> HTML, Markdown, JSON (jinja2) and PDF (the one place WeasyPrint is imported), written together."""
