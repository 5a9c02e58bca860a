"""The service: `monitor run` as a real process (heartbeat, status --check,
SIGTERM), one tick with a fake clock, and the structured log formats."""

from __future__ import annotations

import io
import json
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.ingest.pipeline import FeedOutcome, PollReport
from monitor.logfmt import event, parse_kv, quote, render_kv, setup_logging
from monitor.storage.store import FeedSpec, Store
from monitor.worker import tick
from tests.feeds import simple_feed
from tests.httpserver import LoopbackServer
from tests.test_cli import _peek, run, write_config

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


class Service:
    """`monitor run` as a child process, with everything it logged so far."""

    def __init__(self, cfg: Path, cwd: Path, env: dict[str, str] | None = None) -> None:
        full_env = {
            k: v for k, v in os.environ.items() if k not in ("MONITOR_CONFIG", "MONITOR_LOG_FORMAT")
        }
        full_env.update(env or {})
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--config", str(cfg), "run"],
            cwd=cwd,
            env=full_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.pid = self.proc.pid

    @property
    def log(self) -> str:
        return _peek(self.proc)

    def wait_for(self, what: str, ready: Callable[[], bool]) -> None:
        deadline = time.monotonic() + 60
        while not ready():
            assert self.proc.poll() is None, self.proc.communicate()
            assert time.monotonic() < deadline, f"no {what} within 60 s: {self.log}"
            time.sleep(0.1)

    def stop(self, sig: signal.Signals) -> tuple[int, str]:
        """Send ``sig`` and wait; the exit code and the whole log."""
        try:
            self.proc.send_signal(sig)
            before = self.log
            _, rest = self.proc.communicate(timeout=30)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
        return self.proc.returncode, before + rest


def _worker(db: Path) -> tuple[object, ...] | None:
    if not db.exists():
        return None
    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT pid, heartbeat, state FROM worker WHERE id = 1").fetchone()
    except sqlite3.OperationalError:  # the schema is not there yet
        return None
    finally:
        conn.close()
    return tuple(row) if row else None


def test_service_heartbeat_check_and_clean_stop(
    tmp_path: Path, http_server: LoopbackServer
) -> None:
    cfg = write_config(
        tmp_path / "m.toml",
        {"Amnesty UK": http_server.add("/n.xml", simple_feed(3))},
        [http_server.host_port],
    )
    db = tmp_path / "storage" / "monitor.db"
    service = Service(cfg, tmp_path)
    service.wait_for("heartbeat", lambda: _worker(db) is not None)
    service.wait_for("tick", lambda: "event=tick" in service.log)
    row = _worker(db)
    assert row is not None and row[0] == service.pid and row[2] == "running"
    check = run("--config", str(cfg), "status", "--check", cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.startswith("OK: the worker is running")
    assert len(check.stdout.splitlines()) == 1
    code, err = service.stop(signal.SIGTERM)
    assert code == 0, err
    # One key=value line per event; values with spaces are quoted.
    polls = [line for line in err.splitlines() if "event=poll " in line]
    assert len(polls) == 1, err
    assert 'feed="Amnesty UK" outcome=new status=200 new=3 changed=0 ms=' in polls[0]
    assert polls[0].startswith("ts=") and " level=info " in polls[0]
    assert "event=shutdown signal=SIGTERM" in err and "event=stopped" in err
    assert all(line.startswith("ts=") for line in err.splitlines()), err
    row = _worker(db)
    assert row is not None and row[2] == "stopped"
    check = run("--config", str(cfg), "status", "--check", cwd=tmp_path)
    assert check.returncode == 1
    assert check.stdout.startswith("FAIL: the worker stopped at")
    # The effective interval is recorded (the feed is new: the base interval).
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT effective_interval FROM feeds").fetchone() == (900,)


def test_stale_or_missing_heartbeat_fails_the_check(tmp_path: Path) -> None:
    cfg = write_config(tmp_path / "m.toml", {}, [])
    missing = run("--config", str(cfg), "status", "--check", cwd=tmp_path)
    assert missing.returncode == 1 and missing.stdout.startswith("FAIL: no database")
    db = tmp_path / "storage" / "monitor.db"
    store = Store(db)
    never = run("--config", str(cfg), "status", "--check", cwd=tmp_path)
    assert never.returncode == 1 and "no worker heartbeat" in never.stdout
    now = datetime.now(UTC)
    store.worker_started(now - timedelta(minutes=10), 4242, "box")  # 10 minutes old
    stale = run("--config", str(cfg), "status", "--check", cwd=tmp_path)
    assert stale.returncode == 1
    assert "FAIL: the worker's last heartbeat is 10m" in stale.stdout
    assert "stale after 5m" in stale.stdout
    store.worker_beat(now, 4242)
    fresh = run("--config", str(cfg), "status", "--check", cwd=tmp_path)
    assert fresh.returncode == 0 and "pid 4242 on box" in fresh.stdout
    store.close()


def test_json_logs_from_the_environment(tmp_path: Path, http_server: LoopbackServer) -> None:
    cfg = write_config(
        tmp_path / "m.toml",
        {"News": http_server.add("/n.xml", simple_feed(2))},
        [http_server.host_port],
    )
    service = Service(cfg, tmp_path, env={"MONITOR_LOG_FORMAT": "json"})
    service.wait_for("tick", lambda: '"event": "tick"' in service.log)
    code, err = service.stop(signal.SIGINT)
    assert code == 0, err
    lines = [json.loads(line) for line in err.splitlines()]
    poll = next(line for line in lines if line.get("event") == "poll")
    assert (poll["feed"], poll["status"], poll["new"], poll["level"]) == ("News", 200, 2, "info")
    assert isinstance(poll["ms"], int)
    tick_line = next(line for line in lines if line.get("event") == "tick")
    assert (tick_line["polled"], tick_line["ok"], tick_line["failed"]) == (1, 1, 0)
    assert any(line.get("event") == "shutdown" and line["signal"] == "SIGINT" for line in lines)


def test_log_format_option_and_bad_environment(tmp_path: Path) -> None:
    cfg = write_config(tmp_path / "m.toml", {}, [])
    bad = run("--config", str(cfg), "check", cwd=tmp_path, env={"MONITOR_LOG_FORMAT": "xml"})
    assert bad.returncode == 2 and "MONITOR_LOG_FORMAT='xml'" in bad.stderr
    ok = run("--log-format", "json", "--config", str(cfg), "-v", "check", cwd=tmp_path)
    assert ok.returncode == 0
    assert all(json.loads(line) for line in ok.stderr.splitlines())
    after = run("--config", str(cfg), "run", "--log-format", "nope", cwd=tmp_path)
    assert after.returncode == 2 and "invalid choice" in after.stderr


def test_status_shows_unhealthy_feeds(tmp_path: Path, http_server: LoopbackServer) -> None:
    cfg = write_config(
        tmp_path / "m.toml",
        {
            "Down for days": http_server.add("/down.xml", b"", status=500),
            "Fine": http_server.add("/fine.xml", simple_feed(1)),
        },
        [http_server.host_port],
    )
    assert run("--config", str(cfg), "poll", cwd=tmp_path).returncode == 0
    conn = sqlite3.connect(tmp_path / "storage" / "monitor.db")
    since = (datetime.now(UTC) - timedelta(days=2)).isoformat(timespec="seconds")
    with conn:
        conn.execute("UPDATE feeds SET failing_since = ? WHERE name = 'Down for days'", [since])
    status = run("--config", str(cfg), "status", cwd=tmp_path)
    assert status.returncode == 0, status.stderr
    out = status.stdout
    assert "UNHEALTHY failing ×1" in out and "HTTP 500" in out
    assert since[:16].replace("T", " ") in out  # the failing-since column
    assert out.index("Down for days") < out.index("Fine")  # failing feeds first
    assert "unhealthy: 1 feed(s) failing for over 1d: Down for days (since" in out
    assert "service: no worker heartbeat" in out


# -- one tick, in process, with a fake clock ----------------------------------


def test_a_tick_beats_even_when_nothing_is_due_and_reports_long_failures(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.db")
    store.sync_feeds([FeedSpec("news", "https://news.example/f", 900)], NOW)
    store.db.execute(
        "UPDATE feeds SET failing_since = ? WHERE name = 'news'",
        [(NOW - timedelta(days=2)).isoformat()],
    )
    store.worker_started(NOW - timedelta(minutes=10), 77, "box")
    clock = iter([NOW, NOW + timedelta(seconds=1), NOW + timedelta(seconds=2)])
    polled: list[Store] = []

    def poll(s: Store) -> PollReport:
        polled.append(s)
        return PollReport([FeedOutcome("news", "u", False, "error")])

    report = tick(store, poll, 77, lambda: next(clock))
    assert polled == [store] and len(report.failed) == 1
    worker = store.worker()
    assert worker is not None and worker.heartbeat == "2026-11-22T12:00:02+00:00"
    notified = store.db.execute("SELECT unhealthy_notified FROM feeds").fetchone()[0]
    assert notified == "2026-11-22T12:00:01+00:00"  # the sweep ran with the tick's clock
    store.close()


# -- the log formats ---------------------------------------------------------------


def test_key_value_quoting_and_escaping() -> None:
    assert quote("plain") == "plain" and quote(200) == "200" and quote(True) == "true"
    assert quote("Amnesty UK") == '"Amnesty UK"'
    assert quote("") == '""'
    assert quote('say "hi"\nnow\t\\') == '"say \\"hi\\"\\nnow\\t\\\\"'
    assert quote("a=b") == '"a=b"'
    assert quote("bell\x07\u2028") == '"bell\\u0007\\u2028"'
    line = render_kv({"event": "poll", "feed": "Amnesty UK", "status": None, "new": 3})
    assert line == 'event=poll feed="Amnesty UK" new=3'  # None values are left out
    assert "\n" not in render_kv({"error": "line one\nline two\r\n"})


@pytest.mark.parametrize(
    "value", ["x", "two words", 'quo"te', "new\nline", "back\\slash", "é ü 中", "a=b c"]
)
def test_key_value_round_trip(value: str) -> None:
    assert parse_kv(render_kv({"k": value, "n": 5})) == {"k": value, "n": 5}


def test_preformatted_messages_are_parsed_into_fields() -> None:
    assert parse_kv("feed='Amnesty UK' outcome=new status=200") == {
        "feed": "Amnesty UK",
        "outcome": "new",
        "status": 200,
    }
    assert parse_kv("url=https://x.example/?a=b event=page") == {
        "url": "https://x.example/?a=b",
        "event": "page",
    }
    assert parse_kv("internal error while recording a page") is None
    assert parse_kv("") is None


def test_formatters_write_one_line_per_record() -> None:
    stream = io.StringIO()
    setup_logging("kv", logging.INFO, stream)
    log = logging.getLogger("monitor.test_worker")
    try:
        event(log, "poll", feed="Amnesty UK", status=200, new=3, ms=120)
        event(log, "noise", logging.DEBUG, x=1)  # below the level: nothing
        log.warning("a plain\nmessage")
        try:
            raise ValueError("boom")
        except ValueError:
            log.exception("event=tick error=%r", "ValueError: boom")
        setup_logging("json", logging.INFO, stream)  # replaces the kv handler
        event(log, "poll", feed="Amnesty UK", status=None, level="spoof")
    finally:
        setup_logging("kv", logging.WARNING)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 4
    assert lines[0].endswith(' level=info event=poll feed="Amnesty UK" status=200 new=3 ms=120')
    assert 'level=warning logger=monitor.test_worker msg="a plain\\nmessage"' in lines[1]
    assert "level=error event=tick error=" in lines[2] and 'exc="Traceback' in lines[2]
    assert "ValueError: boom" in lines[2]
    data = json.loads(lines[3])
    assert data["event"] == "poll" and data["status"] is None and data["level"] == "info"
    assert data["level_"] == "spoof"  # a field never overwrites the time or level
    assert data["ts"].endswith("Z")


def test_run_forever_in_process_with_a_fake_clock(tmp_path: Path) -> None:
    """Start-up row, ticks, background jobs started and stopped, the stopped
    row, and the signal handlers put back; SIGTERM comes from a timer."""
    import threading
    from contextlib import contextmanager

    from monitor.worker import run_forever

    path = tmp_path / "w.db"
    store = Store(path)
    ticks: list[datetime] = []
    calls: list[str] = []

    @contextmanager
    def open_store() -> Iterator[Store]:
        s = Store(path)
        try:
            yield s
        finally:
            s.close()

    def poll(s: Store) -> PollReport:
        ticks.append(NOW)
        if len(ticks) == 2:
            threading.Timer(0.1, os.kill, (os.getpid(), signal.SIGTERM)).start()
        return PollReport()

    class Job:
        def start(self) -> None:
            calls.append("start")

        def stop(self) -> None:
            calls.append("stop")

    before = signal.getsignal(signal.SIGTERM)
    code = run_forever(
        store, open_store, poll, clock=lambda: NOW, tick_seconds=0.2, background=[Job()]
    )
    assert code == 0 and len(ticks) >= 2 and calls == ["start", "stop"]
    worker = store.worker()
    assert worker is not None
    assert (worker.pid, worker.state, worker.heartbeat) == (
        os.getpid(),
        "stopped",
        "2026-11-22T12:00:00+00:00",
    )
    assert signal.getsignal(signal.SIGTERM) is before
    store.close()


def test_a_tick_running_too_long_counts_as_stuck() -> None:
    """The heartbeat job stops beating once the tick in progress is older
    than ``stuck_after``, so that `status --check` fails on a hung service."""
    from monitor.worker import tick_stuck

    assert not tick_stuck([], 1000.0, 60.0)  # no tick running
    assert not tick_stuck([990.0], 1000.0, 60.0)
    assert tick_stuck([900.0], 1000.0, 60.0)
