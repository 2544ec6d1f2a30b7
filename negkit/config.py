"""Project configuration from ``negkit.toml`` or ``[tool.negkit]`` in ``pyproject.toml``."""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import InputError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAME = "negkit.toml"
PYPROJECT_NAME = "pyproject.toml"


class LintConfig(BaseModel):
    """The ``[lint]`` table."""

    model_config = ConfigDict(extra="forbid")

    select: list[str] = Field(default_factory=list, description="rule codes or prefixes to enable")
    ignore: list[str] = Field(default_factory=list, description="rule codes or prefixes to disable")
    baseline: str | None = Field(default=None, description="baseline file (relative to the config file)")
    exclude: list[str] = Field(default_factory=list, description="glob patterns of files to skip")
    strict: bool = Field(default=False, description="judge every sentence alone (as --strict)")


class Config(BaseModel):
    """Project settings; every key is optional and unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")

    claim: str | None = Field(default=None, description="claim YAML (relative to the config file)")
    text_field: str | None = None
    spacy_model: str | None = None
    lint: LintConfig = Field(default_factory=LintConfig)


def _parse_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        line = getattr(exc, "lineno", None)
        m = re.search(r"\s*\(at line (\d+), column (\d+)\)$", msg)
        if m:
            line = line or int(m.group(1))
            msg = f"{msg[: m.start()]} (column {m.group(2)})"
        elif m := re.search(r"\s*\(at end of document\)$", msg):
            msg = f"{msg[: m.start()]} at end of file"
        raise InputError(str(path), f"invalid TOML: {msg}", line) from None
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from None


def _key_line(path: Path, table: str, dotted: list[str]) -> int | None:
    """Best-effort line of ``table.dotted`` in a TOML file (``[a.b]`` headers and dotted keys)."""
    want = ".".join(p for p in [table, *dotted] if p)
    header = ""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    clean = lambda s: ".".join(part.strip().strip("\"'") for part in s.split("."))  # noqa: E731
    for n, raw in enumerate(lines, 1):
        s = raw.strip()
        if m := re.match(r"^\[\[?\s*([^\]]+?)\s*\]\]?", s):
            header = clean(m.group(1))
            if header == want:
                return n
            continue
        if m := re.match(r"^([A-Za-z0-9_\-.\"' ]+?)\s*=", s):
            full = ".".join(p for p in [header, clean(m.group(1))] if p)
            if full == want or want.startswith(full + "."):
                return n
    return None


def _known_keys(model: type[BaseModel], loc: list[str]) -> list[str]:
    for part in loc:
        field = model.model_fields.get(part)
        ann = getattr(field, "annotation", None)
        if not (isinstance(ann, type) and issubclass(ann, BaseModel)):
            return []
        model = ann
    return list(model.model_fields)


def _validation_error(path: Path, table: str, exc: ValidationError) -> InputError:
    err = exc.errors()[0]
    loc = list(err.get("loc", ()))
    keys = [str(x) for x in loc if not isinstance(x, int)]
    where = "".join(f"[{x}]" if isinstance(x, int) else (f".{x}" if i else str(x)) for i, x in enumerate(loc))
    if err.get("type") == "extra_forbidden":
        problem = f"unknown key '{where}'"
        close = difflib.get_close_matches(keys[-1], _known_keys(Config, keys[:-1]), n=1, cutoff=0.6)
        if close:
            problem += f" (did you mean '{close[0]}'?)"
    else:
        problem = f"'{where}': {err.get('msg', 'invalid value')}"
    extra = len(exc.errors()) - 1
    if extra:
        problem += f" (and {extra} more problem{'s' if extra > 1 else ''})"
    return InputError(str(path), problem, _key_line(path, table, keys))


def _resolve(base: Path, value: str | None) -> str | None:
    if value is None:
        return None
    return str(base / Path(value).expanduser())


def parse_config(data: dict[str, Any], path: Path, table: str = "") -> Config:
    """Validate a config table read from ``path``; relative paths become relative to its directory."""
    try:
        cfg = Config.model_validate(data)
    except ValidationError as exc:
        raise _validation_error(path, table, exc) from None
    base = path.parent
    lint = cfg.lint.model_copy(update={"baseline": _resolve(base, cfg.lint.baseline)})
    return cfg.model_copy(update={"claim": _resolve(base, cfg.claim), "lint": lint})


def find_config(start: Path | None = None) -> tuple[Path, dict[str, Any], str] | None:
    """(path, table, table name) of the nearest config at or above ``start``, or None."""
    here = Path(start if start is not None else Path.cwd()).resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate, _parse_toml(candidate), ""
        candidate = folder / PYPROJECT_NAME
        if candidate.is_file():
            tool = _parse_toml(candidate).get("tool")
            if isinstance(tool, dict) and "negkit" in tool:
                table = tool["negkit"]
                if not isinstance(table, dict):
                    raise InputError(str(candidate), "'tool.negkit' must be a table", _key_line(candidate, "tool.negkit", []))
                return candidate, table, "tool.negkit"
    return None


def load_config(start: Path | None = None) -> tuple[Config, Path | None]:
    """The nearest ``negkit.toml`` or ``pyproject.toml`` with ``[tool.negkit]`` at or above
    ``start`` (default: the current directory), validated; ``(Config(), None)`` if none.

    In each directory ``negkit.toml`` is checked before ``pyproject.toml``; the first found
    wins (no merging). Raises InputError for invalid TOML or unknown keys.
    """
    found = find_config(start)
    if found is None:
        return Config(), None
    path, data, table = found
    return parse_config(data, path, table), path
