"""The command line, run as a real process against loopback servers and a real database."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.feeds import simple_feed
from tests.httpserver import LoopbackServer

ROOT = Path(__file__).resolve().parent.parent


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "MONITOR_CONFIG"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "monitor", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def write_config(path: Path, feeds: dict[str, str], allow: list[str], extra: str = "") -> Path:
    lines = [
        "[storage]",
        'database = "storage/monitor.db"',
        f'seeds = "{ROOT / "storage" / "seeds"}"',
        "[http]",
        f"allow_private = {allow!r}".replace("'", '"'),
        'deadline = "5s"',
        'connect_timeout = "2s"',
        "[defaults]",
        "fulltext = false",  # test feeds link to example domains; pages have their own tests
        extra,
    ]
    for name, url in feeds.items():
        lines += ["[[feeds]]", f'name = "{name}"', f'url = "{url}"']
    lines += ["[[topics]]", 'name = "qassam"', "query = 'Qassam'"]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_run_once_offline_reports_failures_and_keeps_the_seeds(tmp_path: Path) -> None:
    port = closed_port()
    cfg = write_config(
        tmp_path / "monitor.toml",
        {
            "Nowhere one": f"http://127.0.0.1:{port}/a.xml",
            "Nowhere two": f"http://127.0.0.1:{port}/b",
        },
        [f"127.0.0.1:{port}"],
    )
    result = run("--config", str(cfg), "run", "--once", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "feeds: 0 ok, 2 failed" in out
    assert f"failed: Nowhere one <http://127.0.0.1:{port}/a.xml>: connection failed" in out
    assert "browse:" in out
    db = sqlite3.connect(tmp_path / "storage" / "monitor.db")
    seeds = db.execute("SELECT count(DISTINCT seed_file) FROM items WHERE source = 'seed'")
    assert seeds.fetchone()[0] == 5
    errors = db.execute("SELECT name, last_error_kind FROM feeds ORDER BY name").fetchall()
    assert errors == [("Nowhere one", "connection-failed"), ("Nowhere two", "connection-failed")]
    # Idempotent: a second run adds no seed twice.
    before = db.execute("SELECT count(*) FROM items").fetchone()[0]
    assert run("--config", str(cfg), "run", "--once", cwd=tmp_path).returncode == 0
    assert db.execute("SELECT count(*) FROM items").fetchone()[0] == before


def test_poll_named_feed_and_status(tmp_path: Path, http_server: LoopbackServer) -> None:
    cfg = write_config(
        tmp_path / "m.toml",
        {
            "Good news": http_server.add("/good.xml", simple_feed(4)),
            "Bad news": http_server.add("/bad.xml", b"", status=500),
        },
        [http_server.host_port],
    )
    result = run("--config", str(cfg), "poll", "Good news", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "feeds: 1 ok, 0 failed; 4 new items" in result.stdout
    assert http_server.requests_to("/bad.xml") == []
    result = run("--config", str(cfg), "poll", cwd=tmp_path)
    assert "feeds: 1 ok, 1 failed; 0 new items" in result.stdout
    status = run("--config", str(cfg), "status", cwd=tmp_path)
    assert status.returncode == 0
    assert "failing ×1" in status.stdout and "HTTP 500" in status.stdout
    unknown = run("--config", str(cfg), "poll", "Nope", cwd=tmp_path)
    assert unknown.returncode == 1 and "no enabled feed is named: 'Nope'" in unknown.stderr


def test_monitor_config_environment_variable(tmp_path: Path) -> None:
    cfg = write_config(tmp_path / "env.toml", {}, [])
    result = run("check", cwd=tmp_path, env={"MONITOR_CONFIG": str(cfg)})
    assert result.returncode == 0
    assert f"{cfg}: OK (0 feeds, 1 topics" in result.stdout


def test_invalid_config_lists_every_problem_and_exits_non_zero(tmp_path: Path) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text(
        '[http]\nper_host = 0\nspeed = "max"\n'
        '[[feeds]]\nname = "a"\nurl = "feeds.example.org/rss"\n'
        '[[feeds]]\nname = "b"\nurl = "https://x.example/rss"\ninterval = "0s"\n'
    )
    result = run("--config", str(cfg), "check", cwd=tmp_path)
    assert result.returncode == 2
    for needle in ("http.per_host", "http.speed: unknown key", "feeds[0].url", "feeds[1].interval"):
        assert needle in result.stderr
    assert "4 problem(s)" in result.stderr


def test_seeds_import_command(tmp_path: Path) -> None:
    cfg = write_config(tmp_path / "m.toml", {}, [])
    result = run("--config", str(cfg), "seeds", "import", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "0 updated" in result.stdout
    again = run(
        "--config", str(cfg), "seeds", "import", str(ROOT / "storage" / "seeds"), cwd=tmp_path
    )
    assert "(0 new, 0 updated)" in again.stdout
    missing = run("--config", str(cfg), "seeds", "import", "no/such/dir", cwd=tmp_path)
    assert missing.returncode == 1 and "not a directory" in missing.stderr


def test_opml_round_trip(tmp_path: Path) -> None:
    cfg = write_config(
        tmp_path / "m.toml",
        {"One": "https://one.example/rss", "Two": "https://two.example/atom"},
        [],
    )
    exported = run("--config", str(cfg), "feeds", "export-opml", cwd=tmp_path)
    assert exported.returncode == 0
    assert 'xmlUrl="https://one.example/rss"' in exported.stdout
    opml = tmp_path / "subs.opml"
    opml.write_text(
        exported.stdout.replace(
            "</body>",
            '<outline text="Folder"><outline text="Three &amp; more" type="rss"'
            ' xmlUrl="https://three.example/feed"/></outline></body>',
        )
    )
    imported = run("--config", str(cfg), "feeds", "import-opml", str(opml), cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.count("[[feeds]]") == 1  # the two known feeds are skipped
    assert 'name = "Three & more"\nurl = "https://three.example/feed"' in imported.stdout
    bad = tmp_path / "bad.opml"
    bad.write_text("<html/>")
    result = run("--config", str(cfg), "feeds", "import-opml", str(bad), cwd=tmp_path)
    assert result.returncode == 1 and "not OPML" in result.stderr


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["run", "--help"], ["poll", "--help"], ["seeds", "import", "--help"],
     ["check", "--help"], ["status", "--help"], ["feeds", "export-opml", "--help"],
     ["import-text", "--help"], ["topics", "sql", "--help"], ["topics", "test", "--help"],
     ["topics", "retag", "--help"],
     ["feeds", "import-opml", "--help"]],
)  # fmt: skip
def test_help_everywhere(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    # In-process: argparse's help needs no interpreter of its own (the test
    # below runs the real entry point once).
    from monitor.cli.main import main

    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    assert "usage: monitor" in capsys.readouterr().out


def test_the_entry_point_runs(tmp_path: Path) -> None:
    result = run("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "usage: monitor" in result.stdout


def test_a_bad_seed_file_is_reported_and_the_others_imported(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a_empty.txt").write_text("   \n\n")
    (seeds / "b_bytes.txt").write_bytes(
        b"A headline about rights\n\n" + b"Real text \xff\xfe here. " * 20
    )
    cfg = write_config(tmp_path / "m.toml", {}, [])
    result = run("--config", str(cfg), "seeds", "import", str(seeds), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "seed skipped: a_empty.txt: " in result.stdout
    assert "(1 new, 0 updated)" in result.stdout
    db = sqlite3.connect(tmp_path / "storage" / "monitor.db")
    assert db.execute("SELECT seed_file FROM items").fetchall() == [("b_bytes.txt",)]


def test_run_service_polls_then_stops_cleanly_on_sigterm(
    tmp_path: Path, http_server: LoopbackServer
) -> None:
    import signal
    import time

    cfg = write_config(
        tmp_path / "m.toml",
        {"News": http_server.add("/n.xml", simple_feed(3))},
        [http_server.host_port],
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor", "--config", str(cfg), "run"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    db = tmp_path / "storage" / "monitor.db"
    try:
        deadline = time.monotonic() + 60
        while not http_server.requests_to("/n.xml") or "event=tick" not in _peek(proc):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "no tick within 60 s"
            time.sleep(0.1)
        # A second poller is refused while the service holds the lock.
        second = run("--config", str(cfg), "poll", cwd=tmp_path)
        assert second.returncode == 1 and "in use by another monitor process" in second.stderr
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "event=shutdown" in err
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM items WHERE source = 'feed'").fetchone()[0] == 3
    assert run("--config", str(cfg), "poll", cwd=tmp_path).returncode == 0  # lock released


_seen_err: dict[int, str] = {}


def _peek(proc: subprocess.Popen[str]) -> str:
    """What the service logged so far (its stderr), without blocking."""
    import os as _os
    import select

    assert proc.stderr is not None
    fd = proc.stderr.fileno()
    _os.set_blocking(fd, False)
    while select.select([fd], [], [], 0)[0]:
        chunk = _os.read(fd, 65536)
        if not chunk:
            break
        _seen_err[proc.pid] = _seen_err.get(proc.pid, "") + chunk.decode(errors="replace")
    return _seen_err.get(proc.pid, "")


def test_import_text_uses_the_capture_rules(tmp_path: Path) -> None:
    capture = tmp_path / "capture.txt"
    capture.write_text(
        "Skip to content\nMenu\n\nCourt orders release of detained reporters\n\n"
        + "The appeals court ordered the release of four reporters held since March. " * 6
        + "\n\nSHARE\n\nLIKE (12)\n\n© 2026 Example Media. All rights reserved.\n"
    )
    empty = tmp_path / "empty.txt"
    empty.write_text("\n")
    cfg = write_config(tmp_path / "m.toml", {}, [])
    result = run("--config", str(cfg), "import-text", str(capture), str(empty), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "skipped: empty.txt" in result.stdout
    assert "(1 new, 0 updated)" in result.stdout
    db = sqlite3.connect(tmp_path / "storage" / "monitor.db")
    title, text = db.execute(
        "SELECT title, text FROM items WHERE seed_file = ?", [str(capture.resolve())]
    ).fetchone()
    assert title == "Court orders release of detained reporters"
    assert text.startswith("The appeals court ordered the release")
    for chrome in ("Skip to content", "SHARE", "LIKE (12)", "© 2026"):
        assert chrome not in text
    missing = run("--config", str(cfg), "import-text", str(tmp_path / "nope.txt"), cwd=tmp_path)
    assert missing.returncode == 1 and "nope.txt" in missing.stdout


def test_import_text_keeps_same_named_files_from_different_folders_apart(tmp_path: Path) -> None:
    files = []
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        path = tmp_path / folder / "capture.txt"
        path.write_text(f"Report from folder {folder}\n\n" + f"Text of capture {folder}. " * 20)
        files.append(str(path))
    cfg = write_config(tmp_path / "m.toml", {}, [])
    result = run("--config", str(cfg), "import-text", *files, cwd=tmp_path)
    assert "(2 new, 0 updated)" in result.stdout, result.stdout
    again = run("--config", str(cfg), "import-text", *files, cwd=tmp_path)
    assert "(0 new, 0 updated)" in again.stdout


def test_run_tags_the_seeds_and_retags_when_a_topic_is_edited(tmp_path: Path) -> None:
    cfg = write_config(tmp_path / "m.toml", {}, [])  # one topic: qassam = 'Qassam'
    first = run("--config", str(cfg), "run", "--once", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "matches: 4 new; in the archive: qassam 4" in first.stdout
    cfg.write_text(cfg.read_text().replace("query = 'Qassam'", "query = 'Callamard'"))
    second = run("--config", str(cfg), "run", "--once", cwd=tmp_path)
    assert "in the archive: qassam 2" in second.stdout, second.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text(cfg.read_text().replace("query = 'Callamard'", "query = '(Hamas OR'"))
    result = run("--config", str(bad), "check", cwd=tmp_path)
    assert result.returncode == 2
    assert "topics[0].query:" in result.stderr and "position" in result.stderr


def test_check_warns_about_a_topic_that_matches_almost_everything(tmp_path: Path) -> None:
    cfg = write_config(tmp_path / "m.toml", {}, [])
    cfg.write_text(cfg.read_text().replace("query = 'Qassam'", "query = 'the'"))
    result = run("--config", str(cfg), "check", cwd=tmp_path)
    assert result.returncode == 0
    assert "warning: topics[0] 'qassam': matches almost everything" in result.stdout


def test_topics_sql_test_and_retag(tmp_path: Path) -> None:
    cfg = write_config(tmp_path / "m.toml", {}, [])
    assert run("--config", str(cfg), "run", "--once", cwd=tmp_path).returncode == 0
    sql = run("--config", str(cfg), "topics", "sql", "qassam", cwd=tmp_path)
    assert sql.returncode == 0 and '-- search box: "qassam"' in sql.stdout
    db = sqlite3.connect(tmp_path / "storage" / "monitor.db")
    statement = sql.stdout.split("\n", 1)[1]
    assert len(db.execute(statement).fetchall()) == 4  # the printed SQL runs as is
    tested = run("--config", str(cfg), "topics", "test", "Callamard", "--limit", "1", cwd=tmp_path)
    assert tested.returncode == 0
    assert "2 item(s) match" in tested.stdout and "[Callamard]" in tested.stdout
    bad = run("--config", str(cfg), "topics", "test", "(Hamas OR", cwd=tmp_path)
    assert bad.returncode == 2 and "dangling 'OR' at position 8" in bad.stdout
    cfg.write_text(cfg.read_text().replace("query = 'Qassam'", "query = 'Callamard'"))
    retag = run("--config", str(cfg), "topics", "retag", "qassam", cwd=tmp_path)
    # Callamard: 2 items, one of which (feed entry 2) also says Qassam and stays.
    assert "1 match(es) added, 3 removed" in retag.stdout, retag.stdout
    changes = db.execute(
        "SELECT change, count(*) FROM match_changes GROUP BY change ORDER BY change"
    ).fetchall()
    assert changes == [("added", 1), ("removed", 3)]
    unknown = run("--config", str(cfg), "topics", "sql", "nope", cwd=tmp_path)
    assert unknown.returncode == 1 and "no topic is named 'nope'" in unknown.stderr
