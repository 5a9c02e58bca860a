"""The README is the public contract: every config key, command and table column is in it."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from pydantic import BaseModel

from monitor.cli.main import build_parser
from monitor.config.load import Config
from monitor.storage.store import Store

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def _keys(model: type[BaseModel], prefix: str = "") -> list[str]:
    keys = []
    for attr, field in model.model_fields.items():
        name = field.alias or attr  # what the user writes in the TOML file
        annotation = field.annotation
        inner = getattr(annotation, "__args__", (annotation,))[0]
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            keys += _keys(annotation, f"{prefix}{name}.")
        elif isinstance(inner, type) and issubclass(inner, BaseModel):
            keys += _keys(inner, f"{prefix}{name}[].")
        else:
            keys.append(prefix + name)
    return keys


def test_every_config_key_is_documented() -> None:
    keys = _keys(Config)
    assert "feeds[].url" in keys and "http.allow_private" in keys
    missing = [k for k in keys if f"`{k}`" not in README]
    assert missing == []


def _commands(parser: argparse.ArgumentParser, prefix: str = "monitor") -> list[str]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += _commands(sub, f"{prefix} {name}") or [f"{prefix} {name}"]
    return found


def test_every_command_is_documented() -> None:
    commands = _commands(build_parser())
    assert "monitor feeds import-opml" in commands
    missing = [c for c in commands if f"`{c}" not in README]
    assert missing == []


def test_quick_start_has_exactly_two_commands() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip()]
    assert [c.split("#")[0].strip() for c in commands] == ["make run", "make test"]


def test_every_table_column_is_documented(tmp_path: Path) -> None:
    store = Store(tmp_path / "m.db")
    section = README.split("## The database", 1)[1].split("\n## ", 1)[0]
    for table in (
        "feeds",
        "items",
        "sightings",
        "fetches",
        "topics",
        "matches",
        "match_changes",
        "revisions",
        "stories",
        "story_bands",
        "channels",
        "outbox",
        "digests",
        "worker",
    ):
        assert f"**`{table}`**" in section
        for column in store.db.table(table).columns:
            if column.name == "id":
                continue
            assert re.search(rf"`{column.name}`", section), f"{table}.{column.name}"
    store.close()


def test_the_readme_shows_the_tested_webhook_check() -> None:
    snippet = (Path(__file__).parent / "webhook_verify_snippet.py").read_text()
    code = snippet[snippet.index("import base64") :].rstrip("\n")
    assert code in README
