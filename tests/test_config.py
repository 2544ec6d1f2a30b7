"""Finding and validating negkit.toml / [tool.negkit] configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from negkit.config import Config, load_config
from negkit.errors import InputError


def test_no_config_gives_defaults(tmp_path):
    cfg, path = load_config(tmp_path)
    assert path is None
    assert cfg == Config()
    assert cfg.claim is None and cfg.lint.select == [] and cfg.lint.baseline is None


def test_negkit_toml_found_from_a_subdirectory(tmp_path):
    (tmp_path / "negkit.toml").write_text(
        'claim = "claims/ed.yaml"\ntext_field = "body"\nspacy_model = "en_core_web_sm"\n'
        '[lint]\nselect = ["NK001"]\nignore = ["NK002"]\nbaseline = "base.json"\nexclude = ["gen/*"]\n'
    )
    sub = tmp_path / "data" / "deep"
    sub.mkdir(parents=True)
    cfg, path = load_config(sub)
    assert path == (tmp_path / "negkit.toml").resolve()
    # relative paths are relative to the config file, not to where negkit runs
    assert Path(cfg.claim) == tmp_path.resolve() / "claims" / "ed.yaml"
    assert Path(cfg.lint.baseline) == tmp_path.resolve() / "base.json"
    assert cfg.text_field == "body" and cfg.spacy_model == "en_core_web_sm"
    assert cfg.lint.select == ["NK001"] and cfg.lint.ignore == ["NK002"] and cfg.lint.exclude == ["gen/*"]


def test_default_start_is_the_current_directory(tmp_path, monkeypatch):
    (tmp_path / "negkit.toml").write_text('text_field = "body"\n')
    monkeypatch.chdir(tmp_path)
    cfg, path = load_config()
    assert cfg.text_field == "body" and path is not None and path.name == "negkit.toml"


def test_pyproject_tool_negkit(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.negkit]\ntext_field = "content"\n\n[tool.negkit.lint]\nselect = ["NK"]\n'
    )
    cfg, path = load_config(tmp_path)
    assert path == (tmp_path / "pyproject.toml").resolve()
    assert cfg.text_field == "content" and cfg.lint.select == ["NK"]


def test_pyproject_without_tool_negkit_is_skipped(tmp_path):
    (tmp_path / "negkit.toml").write_text('text_field = "outer"\n')
    inner = tmp_path / "pkg"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.ruff]\nline-length = 100\n')
    cfg, path = load_config(inner)
    assert cfg.text_field == "outer" and path == (tmp_path / "negkit.toml").resolve()


def test_nearest_config_wins_and_negkit_toml_beats_pyproject(tmp_path):
    (tmp_path / "negkit.toml").write_text('text_field = "outer"\n')
    inner = tmp_path / "pkg"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[tool.negkit]\ntext_field = "pyproject"\n')
    assert load_config(inner)[0].text_field == "pyproject"
    (inner / "negkit.toml").write_text('text_field = "inner"\n')
    assert load_config(inner)[0].text_field == "inner"


def test_unknown_key_names_the_key_and_line(tmp_path):
    (tmp_path / "negkit.toml").write_text('claim = "c.yaml"\n\n[lint]\nslect = ["NK001"]\n')
    with pytest.raises(InputError) as exc:
        load_config(tmp_path)
    assert exc.value.line == 4
    assert "unknown key 'lint.slect'" in str(exc.value)
    assert "did you mean 'select'" in str(exc.value)
    assert str(exc.value).startswith(str((tmp_path / "negkit.toml").resolve()) + ":4: ")


def test_unknown_top_level_key_in_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.ruff]\nselect = []\n\n[tool.negkit]\ntext-field = "body"\n')
    with pytest.raises(InputError, match=r"unknown key 'text-field' \(did you mean 'text_field'\?\)") as exc:
        load_config(tmp_path)
    assert exc.value.line == 5


def test_wrong_type_is_reported(tmp_path):
    (tmp_path / "negkit.toml").write_text('[lint]\nselect = "NK001"\n')
    with pytest.raises(InputError, match=r"'lint.select': .*list") as exc:
        load_config(tmp_path)
    assert exc.value.line == 2


def test_invalid_toml_reports_line(tmp_path):
    (tmp_path / "negkit.toml").write_text('text_field = "a"\nclaim = \n')
    with pytest.raises(InputError, match="invalid TOML") as exc:
        load_config(tmp_path)
    assert exc.value.line == 2
    assert "(at line" not in str(exc.value)


def test_tool_negkit_must_be_a_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool]\nnegkit = 3\n")
    with pytest.raises(InputError, match="'tool.negkit' must be a table"):
        load_config(tmp_path)
