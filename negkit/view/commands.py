"""Entry points for the CLI: `negkit view` and `negkit diff` (the lead wires click options to these)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import InputError, NegkitError
from .model import open_corpus


def load_keymap(path: str) -> dict[str, str]:
    """A keymap file (YAML or JSON mapping of binding id -> keys, e.g. ``viewer.quit: ctrl+q``)."""
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except yaml.YAMLError as exc:
        raise InputError(path, f"invalid YAML: {exc}") from None
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise InputError(path, "a keymap must map binding ids (viewer.quit, ...) to key strings")
    from .app import BINDINGS, DocList, HelpScreen

    known = {b.id for b in BINDINGS + DocList.BINDINGS + HelpScreen.BINDINGS}
    unknown = sorted(set(data) - known)
    if unknown:
        raise NegkitError(f"unknown binding id(s) {', '.join(unknown)} in {path} (known: {', '.join(sorted(known))})")
    return data


def run_view(paths: list[str], claim_path: str | None = None, text_field: str | None = None,
             html: str | None = None, limit: int | None = None, mode: str = "inline",
             keymap_path: str | None = None) -> str | None:
    """Open ``paths`` (``[corpus]`` or ``[original, rewritten]``); write ``html`` or run the TUI.

    Returns the HTML path when one was written. Raises NegkitError when no terminal is
    available and no ``html`` was asked for.
    """
    if mode not in ("inline", "side"):
        raise NegkitError(f"--mode must be 'inline' or 'side', not '{mode}'")
    model = open_corpus(paths, claim=claim_path, text_field=text_field)
    try:
        if html:
            from .html import write_html

            return write_html(model, html, limit=limit)
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise NegkitError("negkit view needs a terminal; use --html FILE for a report")
        from .app import run_viewer

        run_viewer(model, mode=mode, keymap=load_keymap(keymap_path) if keymap_path else None)
        return None
    finally:
        model.close()


def run_diff(original: str, rewritten: str, claim_path: str | None = None, text_field: str | None = None,
             html: str | None = None, limit: int | None = None, mode: str = "inline",
             keymap_path: str | None = None) -> str | None:
    """`negkit diff ORIGINAL REWRITTEN`: :func:`run_view` on the aligned pair."""
    return run_view([original, rewritten], claim_path, text_field, html, limit, mode, keymap_path)
