"""Extraction on a real Dask LocalCluster (2 worker processes): the bytes of one process, whatever dies.

Articles: the dev set's 39, then real Dân Trí and VietNews lines, a broken JSON
line (a reader's error, reported on the client), a German article (refused by
the pipeline on a worker) and undated articles (a warning each).
"""
from __future__ import annotations

import contextlib
import itertools
import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from frontline.batch import ItemResult
from frontline.cluster import ClusterError, ClusterSpec, DaskRunner, LocalRunner
from frontline.cluster.partitions import Partition, partitions
from frontline.errors import ItemProblem
from frontline.io import read_inputs
from frontline.io.writers import event_json
from frontline.record import Document

pytestmark = pytest.mark.slow  # processes, stores and whole parts of the corpus: not the quick loop

distributed = pytest.importorskip("distributed")

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "eval" / "vi-dev" / "articles.jsonl"
DANTRI = SHARED / "corpus" / "dantri-2020-21.jsonl"
VIETNEWS = SHARED / "corpus" / "vietnews-sample.jsonl"
GERMAN = ("Die Regierung hat am Montag neue Regeln für den Straßenverkehr beschlossen. Sie gelten ab dem "
          "ersten Januar und sollen die Zahl der Unfälle in den Städten deutlich senken, sagte der Minister.")
KILLER = "killer-article"


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """~64 real articles with a broken line, a German one and undated ones, in one JSONL file."""
    for path in (DEV, DANTRI, VIETNEWS):
        if not path.exists():
            pytest.skip(f"not found: {path}")
    lines = DEV.read_text(encoding="utf-8").splitlines()
    with DANTRI.open(encoding="utf-8") as dantri, VIETNEWS.open(encoding="utf-8") as vietnews:
        lines[10:10] = ['{"id": "broken", "text": "Quân đội Syria']
        lines[20:20] = [json.dumps({"id": "german", "text": GERMAN, "published": "2020-05-04"})]
        lines += [line.rstrip("\n") for line in itertools.islice(dantri, 0, 400, 20)]
        lines += [line.rstrip("\n") for line in itertools.islice(vietnews, 0, 40, 10)]
    path = tmp_path_factory.mktemp("cluster") / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def said(results: list[ItemResult]) -> tuple[list[str], list[str]]:
    """What a run writes: every event's JSON line, and every problem line, in order."""
    return ([event_json(e) for r in results for e in r.events], [str(p) for r in results for p in r.problems])


@pytest.fixture(scope="module")
def single(articles) -> tuple[list[str], list[str]]:
    return said(list(LocalRunner().map(read_inputs([str(articles)]))))


@pytest.fixture(scope="module")
def client():
    """A real LocalCluster of 2 worker processes; a task may survive one worker's death, not two."""
    import dask

    from frontline.geo import build_gazetteer

    build_gazetteer()
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0",
                                     silence_logs=50) as cluster, \
            distributed.Client(cluster, set_as_default=False) as client:
        yield client


def test_partitions_keep_order_and_bounds():
    docs = [Document(doc_id=str(i), text="x" * (i * 10)) for i in range(1, 8)]
    items = [ItemProblem("a.jsonl:1", "broken"), *docs]
    parts = list(partitions(items, max_items=3, max_chars=100))
    assert [p.index for p in parts] == list(range(len(parts)))
    assert [i for p in parts for i in p.items] == items
    assert all(len(p.items) <= 3 and sum(len(getattr(i, "text", "")) for i in p.items) <= 100
               for p in parts if len(p.items) > 1)
    assert list(partitions([docs[0]], max_items=1)) == [Partition(0, (docs[0],))]


def test_spec_wants_one_of_scheduler_or_workers():
    with pytest.raises(ValueError):
        ClusterSpec()
    with pytest.raises(ValueError):
        ClusterSpec(scheduler="tcp://127.0.0.1:8786", workers=2)
    with pytest.raises(ValueError):
        ClusterSpec(workers=0)


def test_unreachable_scheduler_is_one_clear_error():
    from frontline.cluster.connect import connect

    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        with connect(ClusterSpec(scheduler="tcp://127.0.0.1:9"), connect_timeout=1):
            pass


def frontline_extract(*args: str) -> subprocess.CompletedProcess:
    command = str(Path(sys.executable).with_name("frontline"))  # the console script of this environment
    return subprocess.run([command, "extract", *args], capture_output=True, text=True, timeout=180, check=False)


@contextlib.contextmanager
def dask_default_port_taken() -> Iterator[None]:
    """Hold 8787 (Dask's default HTTP port) as another program on this machine may."""
    with socket.socket() as holder:
        with contextlib.suppress(OSError):  # already taken: so much the better
            holder.bind(("127.0.0.1", 8787))
            holder.listen()
        yield


def test_cli_on_two_local_workers_writes_the_bytes_of_one_process(articles, tmp_path):
    alone, on_cluster = tmp_path / "alone.jsonl", tmp_path / "cluster.jsonl"
    one = frontline_extract(str(articles), "--all-modalities", "-o", str(alone))
    with dask_default_port_taken():
        two = frontline_extract(str(articles), "--all-modalities", "-o", str(on_cluster), "--workers", "2")
    assert (two.returncode, one.returncode) == (1, 1), two.stderr  # 1: the broken line and the German article
    assert alone.stat().st_size > 10_000
    assert on_cluster.read_bytes() == alone.read_bytes()
    # the same messages; the closing summaries differ only in the seconds taken and the output's name
    *one_problems, one_summary = one.stderr.splitlines()
    *two_problems, two_summary = two.stderr.splitlines()
    assert two_problems == one_problems
    assert one_summary.split(",")[:2] == two_summary.split(",")[:2]  # "N article(s) → M event(s), K failed"
    assert "error: " in one.stderr and "broken JSON line" in one.stderr and "[german]" in one.stderr


def test_cli_refuses_scheduler_and_workers_together(articles):
    done = frontline_extract(str(articles), "--workers", "2", "--scheduler", "tcp://127.0.0.1:8786")
    assert done.returncode == 2 and "not both" in done.stderr


def test_runner_gives_single_process_results_and_reports(client, articles, single):
    results = list(DaskRunner(client, max_items=5).map(read_inputs([str(articles)])))
    events, problems = said(results)
    assert (events, problems) == single
    assert any("[german]" in p and p.startswith("error:") for p in problems)
    assert any(p.startswith("warning:") for p in problems)


def test_one_runner_maps_short_lists_one_after_another(client, articles, single):
    """As ingest uses it: a batch at a time, each cut so that both workers get a share."""
    items = list(read_inputs([str(articles)]))
    runner = DaskRunner(client)
    assert runner.partition_size(items[:10]) == 3
    results = [result for start in range(0, len(items), 10) for result in runner.map(items[start:start + 10])]
    assert said(results) == single


class PatchedWorkers(distributed.WorkerPlugin):
    """On every worker (also those restarted later): each article takes `pause` seconds more,
    and the article `KILLER` ends the worker process."""

    def __init__(self, pause: float = 0.0):
        self.pause = pause

    def setup(self, worker) -> None:
        import time

        from frontline.cluster import partitions as module

        self.real = real = module.process_item

        def process_item(item):
            if getattr(item, "doc_id", None) == KILLER:
                os._exit(1)
            time.sleep(self.pause)
            return real(item)

        module.process_item = process_item

    def teardown(self, worker) -> None:
        from frontline.cluster import partitions as module

        module.process_item = self.real


@pytest.fixture
def patched(client):
    def install(pause: float = 0.0) -> None:
        client.register_plugin(PatchedWorkers(pause), name="patched-workers")

    yield install
    client.unregister_worker_plugin("patched-workers")


def test_a_worker_killed_mid_run_loses_and_repeats_nothing(client, patched, articles, single):
    patched(pause=0.05)  # an article takes 50 ms or more: the killed worker is surely inside one
    runner = DaskRunner(client, max_items=2)
    results, killed = [], None
    for result in runner.map(read_inputs([str(articles)])):
        results.append(result)
        if killed is None:
            busy = [worker for worker, keys in client.processing().items() if keys]
            assert busy, "nothing in flight to lose"
            killed = client.run(os.getpid, workers=busy[:1])[busy[0]]
            os.kill(killed, signal.SIGKILL)
    events, problems = said(results)
    assert killed not in client.run(os.getpid).values()
    ids = [json.loads(line)["event_id"] for line in events]
    assert len(ids) == len(set(ids))
    assert (events, problems) == single


def test_an_article_that_kills_every_worker_is_reported_and_the_run_goes_on(client, patched, articles, tmp_path):
    text = "Ngày 3/5/2020, quân đội Syria tái chiếm thị trấn Albu Kamal, một quan chức cho biết."
    path = tmp_path / "with-killer.jsonl"
    lines = articles.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines[:5], json.dumps({"id": KILLER, "text": text}), *lines[5:]]) + "\n",
                    encoding="utf-8")
    patched()
    results = list(DaskRunner(client, max_items=4).map(read_inputs([str(path)])))
    events, problems = said(results)
    others = said(list(LocalRunner().map(i for i in read_inputs([str(path)]) if getattr(i, "doc_id", "") != KILLER)))
    killer = [p for p in problems if f"[{KILLER}]" in p]
    assert killer == [f"error: {path}:6 [{KILLER}]: every worker process that tried this article died "
                      "(a crash or out of memory); skipped"]
    assert (events, [p for p in problems if p not in killer]) == others
