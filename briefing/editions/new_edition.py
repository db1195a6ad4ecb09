"""A new edition: its manifest, and its folder rendered in staging and renamed into place whole."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from briefing.config import Config
from briefing.editions.digest import digest_of
from briefing.editions.store import (
    EDITIONS_DIR,
    MANIFEST,
    Edition,
    edition_name,
    manifest_bytes,
)
from briefing.engine.base import Engine
from briefing.files import file_hash, umask, write_atomic
from briefing.models import Briefing
from briefing.output.render import briefing_dict
from briefing.output.writer import Reuse, write_briefing
from briefing.report import Report

_STAGING_PREFIX = ".staging-"


def make_manifest(briefing: Briefing, config: Config, prints: dict, articles: dict, baseline: Edition | None) -> dict:
    """The manifest of an edition of `briefing`: what it was made of, and a hash of what it says."""
    content = briefing_dict(briefing)
    content.pop("generated_at")
    # A front page shows a few key points per story: what its stories' own briefings say counts too.
    content["story_briefings"] = [{**briefing_dict(p.briefing), "generated_at": None} for p in briefing.stories]
    content_hash = hashlib.sha256(
        json.dumps([content, prints["templates"], list(config.formats)], sort_keys=True, default=str).encode()
    ).hexdigest()
    sentences = [
        *(s for b in (briefing, *(p.briefing for p in briefing.stories)) for s in b.key_points),
        *(s for b in (briefing, *(p.briefing for p in briefing.stories)) for section in b.sections for s in section.summary),
    ]
    if briefing.new_since:
        sentences += briefing.new_since.summary
    return {
        "created": briefing.generated_at.isoformat(),
        "tool": {"name": "briefing", "version": prints["version"]},
        "summarizer": config.summarizer,
        "fingerprint": prints,
        "config_file": str(config.path) if config.path else None,
        "baseline": baseline.name if baseline else None,
        "articles": articles,
        "sentences": [s.text for s in sentences],
        "content": content_hash,
        "warnings": list(briefing.warnings),
        "digest": digest_of(briefing).to_dict(),
        "timings": {},
        "outputs": {},
    }


def _rendering_salt(prints: dict) -> str:
    """What shapes an edition's files besides its briefing: options, templates and code (not the inputs)."""
    return json.dumps([prints.get(part) for part in ("config", "templates", "code", "version")])


def write_edition(briefing: Briefing, config: Config, report: Report, manifest: dict, now: datetime,
                  engine: Engine | None = None, earlier: Edition | None = None) -> Edition:
    """Render the outputs (a front page's stories on `engine`, or linked from the `earlier` edition where they
    are the same) and the manifest into a new edition folder, which appears whole."""
    folder = config.out / EDITIONS_DIR
    folder.mkdir(exist_ok=True)
    for stale in folder.glob(_STAGING_PREFIX + "*"):  # left by a killed build; we hold the lock
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=folder))
    try:
        os.chmod(staging, 0o777 & ~umask())
        reuse = Reuse(_rendering_salt(manifest["fingerprint"]), earlier.path if earlier else None)
        files = write_briefing(briefing, config, report, out=staging, engine=engine, reuse=reuse)
        manifest = {
            **manifest,
            "timings": {stage: round(seconds, 4) for stage, seconds in report.timings.items()},
            "outputs": {path.suffix[1:]: {"file": path.name, "sha256": file_hash(path)} for path in files},
        }
        write_atomic(staging / MANIFEST, manifest_bytes(manifest))
        final = folder / edition_name(folder, now)
        os.rename(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Edition(final, manifest)
