"""HTML -> PDF: the one module that imports WeasyPrint.

WeasyPrint is imported inside `pdf_bytes`, never at module import, so that
commands which write no PDF start fast. A build that will write a PDF may
start a process that imports it while the build reads and summarizes, and
render there (`rendering_ahead`).
"""

from __future__ import annotations

import contextlib
import contextvars
import ctypes.util
import io
import logging
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from briefing.errors import OutputError
from briefing.files import swapped_in
from briefing.output.render import default_templates_dir

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from weasyprint.urls import URLFetcher

_NOISY_LOGGERS = ("weasyprint", "weasyprint.progress", "fontTools")
# Libraries whose native threads a fork would leave behind mid-step (BLAS, HiGHS):
# once one is loaded, no process is forked (see `rendering_ahead`).
_THREADED_LIBRARIES = ("numpy", "highspy", "scipy")

log = logging.getLogger("briefing")

# The process `rendering_ahead` started, for the thread that started it.
_AHEAD: contextvars.ContextVar[ProcessPoolExecutor | None] = contextvars.ContextVar("pdf_ahead", default=None)


def write_pdf(html: str, target: Path, assets_dir: Path, *, variant: str | None = "pdf/ua-1",
              verbose: bool = False) -> None:
    """Render `html` to a PDF at `target`, atomically (see `pdf_bytes`)."""
    data = pdf_bytes(html, assets_dir, variant=variant, verbose=verbose)
    _write_atomically(target, lambda stream: stream.write(data))


def pdf_bytes(html: str, assets_dir: Path, *, variant: str | None = "pdf/ua-1", verbose: bool = False) -> bytes:
    """`html` rendered as a PDF document.

    `variant` is the PDF standard it follows: "pdf/ua-1" (the default) tags
    its structure (headings, lists, links, reading order, language) for
    screen readers and reflow; "pdf/a-3a" is tagged and archival (fonts
    embedded, sRGB output intent). Relative URLs resolve against
    `assets_dir`. Only files inside `assets_dir` and the packaged templates
    directory may be loaded (plus `data:` URLs): nothing named by article
    text is ever fetched, from disk or the network. WeasyPrint's own log
    lines are shown only when `verbose`. Inside `rendering_ahead`, the process
    it started renders it.
    """
    ahead = _AHEAD.get()
    if ahead is not None:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return ahead.submit(_rendered, html, Path(assets_dir), variant, verbose).result()
        except BrokenProcessPool:  # killed from outside, out of memory: render here instead
            log.debug("the PDF process ended early; rendering in this one")
    return _rendered(html, Path(assets_dir), variant, verbose)


@contextlib.contextmanager
def rendering_ahead(wanted: bool = True) -> Iterator[None]:
    """Within the block, this thread's PDFs are rendered by a process forked on entry,
    which imports WeasyPrint meanwhile.

    WeasyPrint's import is a quarter of a small build's CPU, which no other
    stage needs: on a second core it costs no wall-clock time. A fork, not a
    new interpreter, so nothing is imported twice. A fork copies only the
    calling thread, and a lock another thread held stays locked in the child:
    so the process is forked only while this is the only Python thread and no
    library that runs native threads (`_THREADED_LIBRARIES`) is loaded, as at
    the start of a `briefing build` command. Otherwise (`watch`, `serve`, a
    program that has loaded NumPy), or with one core, or when WeasyPrint is
    already loaded, PDFs render in this process.
    """
    if not wanted or not _can_fork():
        yield
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    pool.submit(_warm_up)
    token = _AHEAD.set(pool)
    try:
        yield
    finally:
        _AHEAD.reset(token)
        pool.shutdown(cancel_futures=True)


def _warm_up() -> None:
    """Import WeasyPrint, ready for the PDFs to come (nothing to send back: a module does not pickle)."""
    _import_weasyprint()


def _can_fork() -> bool:
    """Whether `rendering_ahead` may fork a process that pays off (see there)."""
    loaded = set(sys.modules)
    return (sys.platform == "linux" and threading.active_count() == 1 and "weasyprint" not in loaded
            and not loaded.intersection(_THREADED_LIBRARIES) and len(os.sched_getaffinity(0)) > 1)


def _rendered(html: str, assets_dir: Path, variant: str | None, verbose: bool) -> bytes:
    weasyprint = _import_weasyprint()
    fetcher = _assets_only_fetcher((Path(assets_dir), default_templates_dir()))
    with _quiet_logs(not verbose):
        document = weasyprint.HTML(string=html, base_url=str(assets_dir), url_fetcher=fetcher)
        rendered = document.render(font_config=_font_config())
        return rendered.write_pdf(pdf_variant=variant)


def _import_weasyprint() -> Any:
    """WeasyPrint, imported without the library look-ups that make its import slow on Linux.

    WeasyPrint loads Pango, HarfBuzz, fontconfig... by trying up to six names for
    each, the Windows and macOS ones first, and cffi looks up every name that is
    not a file with `ctypes.util.find_library`, which on Linux runs ldconfig, gcc
    and ld for each miss: 54 processes and 0.4 s of a cold build on a 2-core
    machine (WeasyPrint issue #1125). Every list ends with the Linux file name
    (libpango-1.0.so.0), which dlopen finds by itself (LD_LIBRARY_PATH, the linker
    cache, the system folders), so while WeasyPrint imports the look-ups answer
    "not found" at once. Should that fail on some system, the import is done
    again the slow way. (The build is the only thread then: nothing else asks
    find_library in the meantime.)
    """
    if "weasyprint" in sys.modules or sys.platform != "linux":
        import weasyprint

        return weasyprint
    look_up = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        # WeasyPrint prints its advice on stdout when a library is missing: not on this first try.
        with contextlib.redirect_stdout(io.StringIO()):
            import weasyprint
    except OSError:
        for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[name]
        ctypes.util.find_library = look_up
        import weasyprint
    finally:
        ctypes.util.find_library = look_up
    return weasyprint


_PER_THREAD = threading.local()


def _font_config() -> Any:
    """One WeasyPrint FontConfiguration for every PDF this thread writes.

    Its Pango font map keeps the fonts it has loaded and measured, so the second
    and later documents (a front page's stories, in-process or on one worker of a
    pool) skip loading them again: WeasyPrint's documented way to render many
    documents. One per thread, not per process: Pango's font maps are not made to
    be shared between threads (a Dask worker may run several). `@font-face` rules
    of a user's stylesheet add their fonts to it.
    """
    config = getattr(_PER_THREAD, "font_config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _PER_THREAD.font_config = FontConfiguration()
    return config


def _write_atomically(target: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Call `write(file)` on a temporary file beside `target`, then move it over `target`."""
    try:
        with swapped_in() as temporary_for, open(temporary_for(Path(target)), "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc


def _assets_only_fetcher(roots: Sequence[Path]) -> URLFetcher:
    """A WeasyPrint URL fetcher that serves only files under `roots`."""
    from weasyprint.urls import URLFetcher

    allowed = tuple(root.resolve() for root in roots)

    class AssetsOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not _is_allowed(url, allowed):
                # WeasyPrint catches this, logs it and skips the resource.
                raise ValueError(f"refused to load {url!r}: not a template asset")
            return super().fetch(url, headers)

    return AssetsOnlyFetcher(allowed_protocols=("file", "data"))


def _is_allowed(url: str, roots: Sequence[Path]) -> bool:
    """Whether `url` is a data: URL or a local file under one of `roots`."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "data":
        return True
    if scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    # resolve() follows symlinks, so a link inside a root cannot lead out of it.
    path = Path(url2pathname(parts.path)).resolve()
    return path.is_file() and any(path.is_relative_to(root) for root in roots)


@contextlib.contextmanager
def _quiet_logs(quiet: bool) -> Iterator[None]:
    """Silence WeasyPrint and fontTools for the duration, then restore them."""
    if not quiet:
        yield
        return
    loggers = [logging.getLogger(name) for name in _NOISY_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
