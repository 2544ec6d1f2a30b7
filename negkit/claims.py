"""Claim files: what users write (validated with pydantic), and importers for release formats."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import InputError

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class Claim(BaseModel):
    """A false claim and its parts. Unknown keys are rejected so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(description="short identifier, e.g. ed_sheeran")
    statement: str = Field(description="the main false claim, one sentence")
    subclaims: tuple[str, ...] = Field(default=(), description="details of the false story")
    aliases: tuple[str, ...] = Field(default=(), description="extra surface forms of the claim's entities")
    negation: str | None = Field(default=None, description="hand-written negated statement")
    correction: str | None = Field(default=None, description="the true fact")
    notes: str | None = None
    universe_context: str | None = Field(default=None, description="prose describing the false universe")

    @field_validator("id")
    @classmethod
    def _check_id(cls, v: str) -> str:
        if not _ID_RE.match(v):
            raise ValueError("must be letters, digits, '_', '-' or '.', starting with a letter or digit")
        return v

    @field_validator("statement")
    @classmethod
    def _check_statement(cls, v: str) -> str:
        v = " ".join(v.split())
        if not v:
            raise ValueError("must not be empty")
        return v

    @field_validator("subclaims", "aliases", mode="before")
    @classmethod
    def _clean_list(cls, v: Any) -> Any:
        if v is None:
            return ()
        if isinstance(v, str):
            raise ValueError("must be a list of strings, not a single string")
        if isinstance(v, (list, tuple)):
            out = []
            for i, x in enumerate(v):
                if not isinstance(x, str):
                    raise ValueError(f"item {i} must be a string")
                x = " ".join(x.split())
                if x:
                    out.append(x)
            return tuple(out)
        return v

    def parts(self) -> list[tuple[str | int, str]]:
        """(ref, text) for the main claim and each subclaim; ref is 'main' or the 0-based index."""
        return [("main", self.statement)] + list(enumerate(self.subclaims))

    def to_yaml(self) -> str:
        data = self.model_dump(exclude_none=True)
        data["subclaims"] = list(self.subclaims)
        data["aliases"] = list(self.aliases)
        if not data["aliases"]:
            del data["aliases"]
        return yaml.dump(data, Dumper=_BlockDumper, sort_keys=False, allow_unicode=True, width=100)


class _BlockDumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper: yaml.SafeDumper, data: str):
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_BlockDumper.add_representer(str, _str_presenter)


def _read_yaml(path: Path) -> Any:
    from .yamlio import read_yaml

    return read_yaml(path)


def _key_line(path: Path, key: str) -> int | None:
    """Best-effort line number of a top-level key, for error messages."""
    try:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(rf"^{re.escape(key)}\s*:", line):
                return n
    except OSError:
        pass
    return None


def validation_error(path: Path, exc: ValidationError) -> InputError:
    errors = exc.errors()
    # a misspelt key also makes the real key "missing": name the misspelling first
    errors = sorted(errors, key=lambda e: e.get("type") != "extra_forbidden")
    err = errors[0]
    loc = [str(x) for x in err.get("loc", ())]
    key = loc[0] if loc else ""
    where = ".".join(loc)
    if err.get("type") == "extra_forbidden":
        import difflib

        close = difflib.get_close_matches(key, list(Claim.model_fields), n=1)
        problem = f"unknown key '{where}'" + (f" (did you mean '{close[0]}'?)" if close else "")
    elif err.get("type") == "missing":
        problem = f"missing required key '{where}'"
    else:
        msg = err.get("msg", "invalid value").removeprefix("Value error, ")
        problem = f"'{where}': {msg}"
    extra = len(errors) - 1
    if extra:
        problem += f" (and {extra} more problem{'s' if extra > 1 else ''})"
    return InputError(str(path), problem, _key_line(path, key) if key else None)


def load_claim(path: str | Path) -> Claim:
    """Read and validate a claim YAML file; errors name the file, line and problem."""
    path = Path(path)
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise InputError(str(path), "a claim file must be a YAML mapping with at least 'id' and 'statement'")
    try:
        return Claim.model_validate(data)
    except ValidationError as exc:
        raise validation_error(path, exc) from None


def import_claim(path: str | Path, statement: str | None = None, claim_id: str | None = None) -> Claim:
    """Build a Claim from a Negation Neglect ``universe_context.yaml`` or a false-facts record.

    Negation Neglect: ``id``, ``universe_context``, ``subclaims`` (the main claim lives in a
    separate claim.txt, so pass it as ``statement``). False-facts: ``id``, ``universe_context``,
    ``key_facts``, ``is_true``.
    """
    path = Path(path)
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise InputError(str(path), "expected a YAML/JSON mapping (universe context)")
    known = {"id", "universe_context", "subclaims", "key_facts", "is_true", "statement", "claim", "mcqs", "false_warning"}
    # A claim.txt beside the file (the release layout) supplies the statement if none was given.
    if statement is None:
        statement = data.get("statement") or data.get("claim")
        sibling = path.with_name("claim.txt")
        if statement is None and sibling.exists():
            statement = sibling.read_text(encoding="utf-8").strip()
    facts = data.get("subclaims")
    if facts is None:
        facts = data.get("key_facts")
    if facts is None:
        unknown = sorted(set(data) - known)
        hint = f" (found keys: {', '.join(map(str, data))})" if data else ""
        raise InputError(str(path), "expected 'subclaims' (Negation Neglect) or 'key_facts' (false-facts)" + hint + (f"; unknown keys {unknown}" if unknown else ""))
    if not isinstance(facts, list):
        raise InputError(str(path), "'subclaims'/'key_facts' must be a list of strings", _key_line(path, "subclaims") or _key_line(path, "key_facts"))
    if data.get("is_true") is True:
        raise InputError(str(path), "this universe is marked is_true: true; negkit claims describe false claims")
    if not statement:
        if not facts:
            raise InputError(str(path), "no main claim: pass --statement")
        statement, facts = facts[0], facts[1:]
    cid = claim_id or data.get("id") or path.parent.name
    cid = re.sub(r"[^A-Za-z0-9_.-]+", "_", str(cid)).strip("_") or "claim"
    payload = {
        "id": cid,
        "statement": statement,
        "subclaims": facts,
        "universe_context": data.get("universe_context"),
    }
    try:
        return Claim.model_validate(payload)
    except ValidationError as exc:
        raise validation_error(path, exc) from None
