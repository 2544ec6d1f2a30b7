"""Reading user YAML with one-line, located errors (file:line: problem)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import InputError


def read_yaml_nodes(path: Path) -> tuple[Any, yaml.Node | None]:
    """(data, node tree) of a YAML file; InputError (with line) if unreadable or invalid."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from None
    try:
        data = yaml.safe_load(raw)
        node = yaml.compose(raw, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(str(path), f"invalid YAML: {problem}", line) from None
    return data, node


def read_yaml(path: Path) -> Any:
    """The data of a YAML file; InputError (with line) if unreadable or invalid."""
    return read_yaml_nodes(path)[0]
