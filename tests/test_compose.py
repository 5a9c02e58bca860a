"""docker-compose.yml and the Dockerfile, checked without a Docker daemon.

The compose file is validated by ``docker-compose config`` (Debian's
docker-compose package, which .ci/run installs) and its services are checked
against what the README promises.  The Dockerfile's install step is a script
(scripts/docker-steps.sh); the last test builds the image's build context
from the Dockerfile's own COPY lines and runs its RUN line in a throwaway
venv, as ``docker build`` would.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from monitor.config.load import load_config

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"


def _docker_compose() -> str:
    found = shutil.which("docker-compose")
    if found:
        return found
    reason = "docker-compose is not installed (apt-get install docker-compose)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; .ci/run installs it")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    """The compose file as docker-compose itself resolves it."""
    tool = _docker_compose()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MONITOR_", "COMPOSE_"))}
    check = subprocess.run(
        [tool, "-f", str(COMPOSE), "config", "-q"], capture_output=True, text=True, env=env
    )
    assert check.returncode == 0, check.stderr
    resolved = subprocess.run(
        [tool, "-f", str(COMPOSE), "config"], capture_output=True, text=True, env=env, check=True
    )
    data: dict[str, Any] = yaml.safe_load(resolved.stdout)
    return data


def test_compose_runs_the_worker_datasette_and_mailpit(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert set(services) == {"worker", "datasette", "mailpit"}

    worker = services["worker"]
    assert worker["command"][-1].endswith("exec monitor run")
    assert worker["healthcheck"]["test"] == ["CMD", "monitor", "status", "--check"]
    assert worker["restart"] == "unless-stopped"

    datasette = services["datasette"]
    assert datasette["command"][:4] == ["monitor", "serve", "--host", "0.0.0.0"]
    assert datasette["depends_on"]["worker"]["condition"] == "service_healthy"
    assert [p.split(":")[:2] for p in datasette["ports"]] == [["127.0.0.1", "8001"]]

    for name in ("worker", "datasette"):
        volumes = services[name]["volumes"]
        assert f"{ROOT / 'config'}:/app/config:ro" in volumes
        assert f"{ROOT / 'storage'}:/app/storage:rw" in volumes
        assert services[name]["build"]["context"] == str(ROOT)

    mailpit = services["mailpit"]
    image, _, tag = mailpit["image"].partition(":")
    assert image == "axllent/mailpit" and tag not in ("", "latest")  # a pinned release
    assert any(p.startswith("127.0.0.1:8025:8025") for p in mailpit["ports"])


def test_the_worker_config_sends_the_digests_to_mailpit(
    compose: dict[str, Any], tmp_path: Path
) -> None:
    """The worker's config is config/monitor.toml with config/compose.toml
    appended, exactly as its command builds it."""
    command = compose["services"]["worker"]["command"]
    build = command[-1].split(" && ")[0].replace("/tmp/monitor.toml", str(tmp_path / "m.toml"))
    subprocess.run(["sh", "-c", build], cwd=ROOT, check=True)
    config = load_config(tmp_path / "m.toml")
    plain = load_config(ROOT / "config" / "monitor.toml")
    assert config.email.host == "mailpit" and config.email.port == 1025
    assert config.email.security == "none"
    assert [d.name for d in config.digests] == ["team"]
    assert config.service.browse_url == "http://localhost:8001/monitor"
    # Everything else is the one config people edit.
    assert config.feeds == plain.feeds and config.topics == plain.topics
    assert config.storage == plain.storage
    assert compose["services"]["worker"]["environment"]["MONITOR_CONFIG"] == "/tmp/monitor.toml"


def _instructions() -> list[tuple[str, str]]:
    """The Dockerfile as (INSTRUCTION, arguments), continuation lines joined."""
    text = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def test_the_dockerfile_copies_what_exists_and_installs_with_the_shared_script() -> None:
    steps = _instructions()
    assert steps[0][0] == "FROM" and steps[0][1].startswith("python:3.11")
    copies = [shlex.split(args) for kind, args in steps if kind == "COPY"]
    for *sources, _dest in copies:
        for source in sources:
            assert (ROOT / source).exists(), source
    runs = [args for kind, args in steps if kind == "RUN"]
    assert any("scripts/docker-steps.sh" in r for r in runs)
    assert ("CMD", '["monitor", "run"]') in steps
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()}
    for needed in ("monitor", "pyproject.toml", "README.md", "config", "storage", "scripts"):
        assert needed not in ignored
    assert {".venv", ".git", "storage/monitor.db"} <= ignored


@pytest.mark.slow
def test_the_image_install_steps_run_in_a_venv(tmp_path: Path) -> None:
    """``docker build`` without the daemon: the build context the COPY lines
    make, then the RUN line that installs (pip's cache is reused here)."""
    app, venv = tmp_path / "app", tmp_path / "venv"
    app.mkdir()
    steps = _instructions()
    install = next(
        i for i, (kind, args) in enumerate(steps) if kind == "RUN" and "docker-steps.sh" in args
    )
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for kind, args in steps[:install]:
        if kind != "COPY":
            continue
        *sources, dest = shlex.split(args)
        for source in map(ROOT.joinpath, sources):
            if source.is_dir():  # a directory's contents go into dest
                shutil.copytree(source, app / dest, ignore=ignore, dirs_exist_ok=True)
                continue
            target = app / dest / source.name if dest.endswith("/") else app / dest
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    run = steps[install][1].replace("/opt/venv", str(venv)).replace("/app", str(app))
    env = {k: v for k, v in os.environ.items() if k not in ("PIP_NO_CACHE_DIR", "VIRTUAL_ENV")}
    env["PYTHON"] = sys.executable
    done = subprocess.run(
        ["sh", "-c", run], cwd=app, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "image install OK: datasette 0.65." in done.stdout
    assert (venv / "bin" / "monitor").is_file()
