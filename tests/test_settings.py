from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.errors import ConfigError
from newstrace.settings import load_settings


def test_settings_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings(environ={})
    assert settings.store.db == "sqlite:///newstrace.db"
    assert settings.run.errors == "raise"


def test_settings_precedence_file_env_overrides(tmp_path: Path) -> None:
    config = tmp_path / "newstrace.toml"
    config.write_text('[run]\nbatch_size = 8\nn_process = 2\n[store]\ndb = "sqlite:///file.db"\n')
    settings = load_settings(config, environ={"NEWSTRACE_RUN_BATCH_SIZE": "16", "NEWSTRACE_API_TOKEN": "s3cret"})
    assert settings.run.n_process == 2  # from the file
    assert settings.run.batch_size == 16  # env beats file
    assert settings.web.api_token == "s3cret"  # documented alias
    settings = load_settings(config, {"run.batch_size": 32, "store.db": None}, environ={"NEWSTRACE_RUN_BATCH_SIZE": "16"})
    assert settings.run.batch_size == 32  # flags beat env
    assert settings.store.db == "sqlite:///file.db"  # an unset flag does not override


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"run.errors": "ignore"}, "expected one of"),
        ({"run.batch_size": "many"}, "invalid value"),
        ({"run.nope": 1}, "unknown setting"),
        ({"nosection.x": 1}, "section"),
    ],
)
def test_settings_invalid_values_name_the_key(overrides: dict[str, object], message: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(tmp_path / "missing.toml" if False else None, overrides, environ={})
