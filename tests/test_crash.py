"""kill -9 during a 1,000-entry ingest: the database stays intact, every feed's
batch is all or nothing, and the next run stores no duplicates."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.feeds import item, rss
from tests.httpserver import LoopbackServer

FEEDS, PER_FEED = 20, 50


def count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:  # the schema is not created yet
        return 0
    finally:
        conn.close()


def test_kill_9_mid_ingest_then_rerun(tmp_path: Path, http_server: LoopbackServer) -> None:
    lines = [
        "[storage]",
        f'database = "{tmp_path / "monitor.db"}"',
        f'seeds = "{tmp_path / "no-seeds"}"',
        "[http]",
        f'allow_private = ["{http_server.host_port}"]',
        "per_host = 1",
        'min_gap = "0s"',
        "[ingest]",
        "workers = 1",
        "[defaults]",
        "fulltext = false",
    ]
    for f in range(FEEDS):
        body = rss(item(f * 1000 + n) for n in range(PER_FEED))
        # Later feeds answer slowly, so that the ingest is still going when killed.
        url = http_server.add(f"/f{f}.xml", body, delay=0.0 if f < 2 else 0.3)
        lines += ["[[feeds]]", f'name = "feed {f:02d}"', f'url = "{url}"']
    cfg = tmp_path / "monitor.toml"
    cfg.write_text("\n".join(lines) + "\n")
    db = tmp_path / "monitor.db"
    cmd = [sys.executable, "-m", "monitor", "--config", str(cfg), "poll"]

    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while count(db, "SELECT count(*) FROM items") == 0:
            assert proc.poll() is None, "the ingest finished before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    per_feed = conn.execute(
        "SELECT f.name, count(i.id) FROM feeds f"
        " LEFT JOIN items i ON i.feed_id = f.id GROUP BY f.id"
    ).fetchall()
    assert {n for _, n in per_feed} <= {0, PER_FEED}, per_feed  # each batch all or nothing
    stored_before = conn.execute("SELECT count(*) FROM items").fetchone()[0]
    assert 0 < stored_before < FEEDS * PER_FEED
    conn.close()

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    total, distinct = conn.execute(
        "SELECT count(*), count(DISTINCT feed_id || '|' || entry_id) FROM items"
    ).fetchone()
    assert total == distinct == FEEDS * PER_FEED
    conn.close()


def test_kill_9_during_story_assignment_then_rerun(
    tmp_path: Path, http_server: LoopbackServer
) -> None:
    """The failpoint fires while the second copy of a wire story joins the
    story: that feed's whole batch (item, story, index rows) is rolled back,
    and the rerun forms the story exactly once."""
    from tests.test_stories import COPY, WIRE, html

    db = tmp_path / "monitor.db"
    lines = [
        "[storage]",
        f'database = "{db}"',
        f'seeds = "{tmp_path / "no-seeds"}"',
        "[http]",
        f'allow_private = ["{http_server.host_port}"]',
        "[defaults]",
        "fulltext = false",
    ]
    for name, text in (("wire", WIRE), ("paper", COPY)):
        url = http_server.add(
            f"/{name}.xml",
            rss([item(1, link=f"https://{name}.example/world/law", body=html(text))]),
        )
        lines += ["[[feeds]]", f'name = "{name}"', f'url = "{url}"']
    cfg = tmp_path / "monitor.toml"
    cfg.write_text("\n".join(lines) + "\n")
    cmd = [sys.executable, "-m", "monitor", "--config", str(cfg), "poll"]

    env = {**os.environ, "MONITOR_FAILPOINT": "story-assign"}
    crashed = subprocess.run(cmd, capture_output=True, env=env, timeout=120)
    assert crashed.returncode == -signal.SIGKILL
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # The first feed's batch is in; the second's is not there at all.
    assert conn.execute("SELECT count(*), count(story_id) FROM items").fetchone() == (1, 0)
    assert conn.execute("SELECT count(*) FROM stories").fetchone() == (0,)
    assert conn.execute("SELECT count(DISTINCT item_id) FROM story_bands").fetchone() == (1,)
    conn.close()

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), count(DISTINCT story_id) FROM items").fetchone() == (2, 1)
    assert conn.execute("SELECT count(*), sum(size) FROM stories").fetchone() == (1, 2)
    assert conn.execute(
        "SELECT count(*) FROM items i JOIN stories s ON s.id = i.story_id"
    ).fetchone() == (2,)
    conn.close()
