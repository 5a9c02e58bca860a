#!/bin/sh
# The install steps of the Docker image: the Dockerfile runs this script, and
# so does CI (tests/test_compose.py), which has no Docker daemon, in a
# throwaway venv.  Usage: docker-steps.sh VENV [SOURCE_DIR]
set -eu
venv="${1:?usage: docker-steps.sh VENV [SOURCE_DIR]}"
src="${2:-.}"
"${PYTHON:-python3}" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet "$src"
# Smoke test of what was installed: the command, its Datasette pin and plugin,
# and the templates shipped as package data.
"$venv/bin/monitor" --version
"$venv/bin/monitor" serve --help > /dev/null
"$venv/bin/python" - <<'PY'
from pathlib import Path

import datasette.version
import monitor
import monitor.web.plugin  # noqa: F401

assert datasette.version.__version__.startswith("0.65."), datasette.version.__version__
templates = Path(monitor.__file__).parent / "web" / "templates"
assert (templates / "row.html").is_file(), f"package data missing: {templates}"
assert (Path(monitor.__file__).parent / "notify" / "digest" / "templates").is_dir(), "digest templates missing"
print("image install OK: datasette", datasette.version.__version__)
PY
