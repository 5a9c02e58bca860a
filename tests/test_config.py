"""Config loading: strict validation, every problem at once, dotted paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config.load import config_path, load_config, parse_config, parse_duration, parse_size
from monitor.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def problems(data: dict[str, object]) -> list[str]:
    with pytest.raises(ConfigError) as info:
        parse_config(data)
    return info.value.problems


def test_shipped_config_is_valid() -> None:
    config = load_config(ROOT / "config" / "monitor.toml")
    assert config.feeds[0].name == "Amnesty International UK: press releases"
    assert config.feeds[0].url.startswith("https://www.amnesty.org.uk/")
    assert len(config.feeds) >= 4
    assert {t.name for t in config.topics} >= {"amnesty-hamas-report"}
    assert config.feed_interval(config.feeds[0]) == 1800
    assert config.feed_interval(config.feeds[1]) == 900  # from [defaults]


@pytest.mark.parametrize(
    ("url", "needle"),
    [
        ("www.example.org/feed", "no scheme"),
        ("file:///etc/passwd", "scheme 'file'"),
        ("ftp://example.org/feed", "scheme 'ftp'"),
        ("data:text/xml,<rss/>", "scheme 'data'"),
        ("http://example.org/my feed", "contains spaces"),
        (" http://example.org/feed", "contains spaces"),
        ("http:///feed", "no host"),
    ],
)
def test_bad_feed_urls_name_the_entry(url: str, needle: str) -> None:
    found = problems(
        {"feeds": [{"name": "ok", "url": "http://a.org/f"}, {"name": "x", "url": url}]}
    )
    assert len(found) == 1
    assert found[0].startswith("feeds[1].url: ")
    assert needle in found[0]


def test_credentials_are_refused_and_redacted() -> None:
    found = problems({"feeds": [{"name": "x", "url": "https://bob:hunter2@example.org/feed"}]})
    assert found[0].startswith("feeds[0].url: ")
    assert "credentials" in found[0]
    assert "hunter2" not in "\n".join(found)
    assert "bob" not in "\n".join(found)


@pytest.mark.parametrize(
    "second",
    [
        "HTTPS://EXAMPLE.org/feed",
        "https://example.org/feed/",
        "https://example.org/feed?utm_source=newsletter",
        "https://example.org/feed?fbclid=abc",
        # Once only dedupe identity knew these (monitor.urls has the one list now).
        "https://example.org/feed?msclkid=abc",
        "https://example.org/feed?_hsenc=abc&dclid=x",
    ],
)
def test_duplicate_feeds_differing_only_in_case_slash_or_utm(second: str) -> None:
    found = problems(
        {
            "feeds": [
                {"name": "a", "url": "https://example.org/feed"},
                {"name": "b", "url": second},
            ]
        }
    )
    assert found == [
        "feeds[1].url: same feed as feeds[0] (differs only in case, trailing slash or "
        "tracking parameters)"
    ]


def test_unknown_keys_and_bad_values_reported_together() -> None:
    found = problems(
        {
            "colour": "blue",
            "http": {"per_host": 0, "allow_private": ["not an entry"]},
            "defaults": {"interval": "0s"},
            "feeds": [
                {"name": "a", "url": "http://a.org/f", "intervall": "5m"},
                {"name": "a", "url": "http://b.org/f", "interval": "-5m"},
                {"name": "c", "url": "http://c.org/f", "interval": "400d"},
            ],
            "topics": [{"name": "t", "query": "(a OR b"}],
        }
    )
    text = "\n".join(found)
    for expected in (
        "colour: unknown key",
        "http.per_host:",
        "http.allow_private:",
        "defaults.interval:",
        "feeds[0].intervall: unknown key",
        "feeds[1].interval: duration '-5m' is negative",
        "feeds[2].interval:",
        "feeds[1].name: 'a' repeats feeds[0]",
        "topics[0].query: unbalanced '('",
    ):
        assert expected in text, expected
    assert len(found) == 9


def test_load_config_reports_toml_syntax_with_file_name(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[storage]\ndatabase = "x\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(path) in str(info.value)
    assert "TOML syntax" in info.value.problems[0]
    assert "line 2" in info.value.problems[0]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "nope.toml")


def test_config_path_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MONITOR_CONFIG", raising=False)
    assert config_path(None) == Path("config/monitor.toml")
    monkeypatch.setenv("MONITOR_CONFIG", "/etc/other.toml")
    assert config_path(None) == Path("/etc/other.toml")
    assert config_path("mine.toml") == Path("mine.toml")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("15m", 900), ("1h30m", 5400), ("250ms", 0.25), ("1d", 86400), (30, 30), ("2 h", 7200)],
)
def test_parse_duration(text: str | int, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "fast", "15", "5m later", "-5m", True, None])
def test_parse_duration_rejects(text: object) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


def test_parse_size() -> None:
    assert parse_size("10MB") == 10_000_000
    assert parse_size("512KiB") == 524_288
    assert parse_size(2048) == 2048
    with pytest.raises(ValueError):
        parse_size("lots")


@pytest.mark.parametrize(
    "entry", ["localhost:99999", "localhost:0", "localhost", ":80", "10.0.0.0/33"]
)
def test_allow_private_entries_are_checked(entry: str) -> None:
    (found,) = problems({"http": {"allow_private": [entry]}})
    assert found.startswith("http.allow_private: ")


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:9000/hook", "http://localhost/hook", "https://10.1.2.3/x",
            "http://[::1]:8080/", "http://169.254.169.254/latest"],
)  # fmt: skip
def test_a_webhook_to_a_private_address_is_refused_at_load_time(url: str) -> None:
    data = {"webhooks": [{"name": "team", "url": url}]}
    with pytest.raises(ConfigError) as e:
        parse_config(data)
    assert any(p.startswith("webhooks[0].url:") and "non-public" in p for p in e.value.problems)
    host = url.split("/")[2]
    if ":" in host.rsplit("]", 1)[-1]:  # allowed when the operator says so
        parse_config({**data, "http": {"allow_private": [host.replace("localhost", "127.0.0.1")]}})


@pytest.mark.parametrize(
    "address", ["ops@example.org\r\nBcc: all@example.org", "a@b\n.org", "ops@example.org\n"]
)
def test_email_addresses_with_line_breaks_are_refused(address: str) -> None:
    with pytest.raises(ConfigError) as e:
        parse_config({"email": {"operator": address},
                      "digests": [{"name": "d", "to": [address]}]})  # fmt: skip
    assert {p.split(":")[0] for p in e.value.problems} >= {"email.operator", "digests[0].to"}
