"""Locate the data folders (`templates/`, `doc_types/`) in a checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path


def data_dir(name: str) -> Path:
    """The bundled folder `name` ("templates" or "doc_types")."""
    repo = Path(__file__).resolve().parent.parent / name
    if repo.is_dir():
        return repo
    from importlib.resources import files

    return Path(str(files(f"negkit._{name}")))
