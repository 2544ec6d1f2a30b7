"""Locate the data folders (`templates/`, `doc_types/`) in an installed wheel or a checkout."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The bundled folder `name` ("templates" or "doc_types").

    Installed, it is the data package ``negkit/_<name>``; in a checkout (or an editable
    install) it is the folder at the top of the repository.
    """
    for cand in (_HERE / f"_{name}", _HERE.parent / name):
        if cand.is_dir():
            return cand
    raise FileNotFoundError(f"negkit's bundled '{name}' folder is missing (looked in {_HERE / f'_{name}'} and {_HERE.parent / name})")
