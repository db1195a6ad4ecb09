"""Engines: the same build in-process, on a pool of processes and on a Dask LocalCluster.

The equivalence test builds a 1,000-article corpus with each engine and
requires byte-identical `briefing.json` (generation time aside).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from corpora import SEEDS, write_corpus
from typer.testing import CliRunner

from briefing.cli import app
from briefing.config import load_config
from briefing.engine import auto, dask_cluster, processes
from briefing.engine.auto import AutoEngine
from briefing.engine.base import LocalEngine, batches
from briefing.engine.choose import make_engine, running
from briefing.errors import ConfigError
from briefing.pipeline import build_and_write


def test_batches_keep_order_and_cover_everything():
    items = list(range(10))
    parts = batches(items, 4)
    assert [len(p) for p in parts] == [3, 3, 2, 2]
    assert [x for part in parts for x in part] == items
    assert batches([], 3) == [[]] and batches([1], 5) == [[1]]


def test_a_pool_of_processes_maps_like_the_local_engine(monkeypatch):
    monkeypatch.setattr(processes, "MIN_ITEMS", 0)
    words = [f"word{n}" for n in range(50)]
    with running("process", workers=2) as engine:
        assert engine.map(str.upper, words) == LocalEngine().map(str.upper, words)


@pytest.mark.parametrize("name", ["local", "process", "dask"])
def test_each_item_a_task_keeps_the_order_on_every_engine(name):
    stories = [[n] * (n % 5 + 1) for n in range(9)]  # uneven items
    with running(name, workers=2) as engine:
        assert list(engine.each(sum, stories)) == [sum(s) for s in stories]


def test_the_auto_engine_stays_in_process_for_little_work_and_starts_a_pool_for_much(monkeypatch):
    monkeypatch.setattr(auto, "WORTH_STORIES", 3)
    with running("auto", workers=2) as engine:
        assert set(engine.each(_worker_pid, [0, 1])) == {os.getpid()}  # two stories: not worth a pool
        assert engine.map(_worker_pid, list(range(10))) == [os.getpid()] * 10  # ten articles: neither
        assert os.getpid() not in set(engine.each(_worker_pid, [0, 1, 2, 3]))  # enough stories: on the pool
    assert AutoEngine(workers=1)._engine_for(True).name == "local"  # one core: never a pool


def _worker_pid(_: object) -> int:
    return os.getpid()


def test_an_unknown_engine_is_a_config_error():
    with pytest.raises(ConfigError, match="'engine' must be one of auto, local, process, dask"):
        make_engine("spark")


def test_an_unknown_engine_in_the_config_names_the_key(tmp_path):
    with pytest.raises(ConfigError, match="'engine' must be one of auto, local, process, dask"):
        load_config(None, engine="spark", sources=(SEEDS,))


def test_an_unreachable_scheduler_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(dask_cluster, "CONNECT_TIMEOUT", "1s")  # nothing listens on port 9: no need to wait 20 s
    result = CliRunner().invoke(app, ["build", str(SEEDS / "000_d620431d6dc2c228.txt"), "--out", str(tmp_path / "out"),
                                      "--format", "md", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert "--scheduler tcp://127.0.0.1:9: cannot reach the Dask scheduler" in result.output
    assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def thousand(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("engines") / "corpus", 1000)
    (folder / "briefing.toml").write_text((SEEDS / "briefing.toml").read_text("utf-8"), encoding="utf-8")
    return folder


def built_json(folder: Path, out: Path, **engine) -> bytes:
    """briefing.json as built with `engine`, its generation time blanked (the one value allowed to differ)."""
    config = load_config(folder / "briefing.toml", out=out, formats=("json",), **engine)
    build_and_write(config)
    data = (out / "briefing.json").read_bytes()
    return re.sub(rb'"generated_at": "[^"]*"', b'"generated_at": ""', data, count=1)


@pytest.fixture(scope="module")
def local_json(thousand, tmp_path_factory):
    return built_json(thousand, tmp_path_factory.mktemp("local"))


@pytest.mark.parametrize("engine", [{"engine": "process", "workers": 2}, {"engine": "dask", "workers": 2}],
                         ids=["process", "dask-localcluster"])
def test_every_engine_builds_the_same_briefing(thousand, local_json, tmp_path, engine):
    assert len(json.loads(local_json)["sources"]) > 500
    assert built_json(thousand, tmp_path, **engine) == local_json
