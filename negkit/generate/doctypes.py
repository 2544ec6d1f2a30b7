"""Document genres ("doc types") for synthetic document generation.

A genre is one YAML file (``doc_types/<name>.yaml``)::

    name: news-article            # slug; user files override bundled ones by name
    title: News article
    description: A report in a newspaper or news website.
    structure:                    # section descriptions, in order
      - Headline
      - Byline and dateline
      - ...
    length: {min_words: 350, max_words: 800}
    register: formal              # formal | informal | technical | conversational
    version: 1                    # optional, default 1

Errors name the file, line and problem (``doc_types/x.yaml:3: unknown key 'lenght'``).
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any, Iterable, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..yamlio import read_yaml_nodes  # noqa: F401  (re-exported for template_backend)
from ..errors import InputError

REGISTERS = ("formal", "informal", "technical", "conversational")
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


# ----------------------------------------------------------------------------- YAML with lines


def node_line(node: yaml.Node | None, loc: Iterable[Any]) -> int | None:
    """1-based line of the value at ``loc`` (keys and list indexes) in a composed YAML tree.

    For a key that is absent (a missing field) the line of the nearest existing parent is given.
    """
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(part):
                    line = k.start_mark.line + 1
                    node = v
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def _known_keys(model: type[BaseModel], loc: list[Any]) -> list[str]:
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(str(part))
        ann = getattr(field, "annotation", None)
        if not (isinstance(ann, type) and issubclass(ann, BaseModel)):
            return []
        model = ann
    return list(model.model_fields)


def pydantic_error(path: Path, node: yaml.Node | None, exc: ValidationError, model: type[BaseModel]) -> InputError:
    """One-line InputError for the first (most useful) problem of a validation error."""
    errors = sorted(exc.errors(), key=lambda e: e.get("type") != "extra_forbidden")
    # a misspelt key also makes the real key "missing": that is the same problem, not another one
    meant = set()
    for e in errors:
        if e.get("type") == "extra_forbidden" and e.get("loc"):
            loc = list(e["loc"])
            close = difflib.get_close_matches(str(loc[-1]), _known_keys(model, loc[:-1]), n=1, cutoff=0.6)
            if close:
                meant.add(tuple(loc[:-1] + [close[0]]))
    errors = [e for e in errors if not (e.get("type") == "missing" and tuple(e.get("loc", ())) in meant)]
    err = errors[0]
    loc = [x for x in err.get("loc", ()) if x not in ("function-after", "function-before")]
    # pydantic adds union/tag names ("list[str]", "str") into locs; keep real keys and indexes only
    clean: list[Any] = []
    for x in loc:
        if isinstance(x, int) or not re.search(r"[\[\]]", str(x)) and str(x) not in ("str", "int", "float", "bool"):
            clean.append(x)
    where = "".join(f"[{x}]" if isinstance(x, int) else (f".{x}" if i else str(x)) for i, x in enumerate(clean))
    kind = err.get("type")
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(clean[-1]), _known_keys(model, clean[:-1]), n=1, cutoff=0.6) if clean else []
        problem = f"unknown key '{where}'" + (f" (did you mean '{close[0]}'?)" if close else "")
    elif kind == "missing":
        problem = f"missing required key '{where}'"
    else:
        msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
        problem = f"'{where}': {msg}" if where else msg
    extra = len(errors) - 1
    if extra:
        problem += f" (and {extra} more problem{'s' if extra > 1 else ''})"
    return InputError(str(path), problem, node_line(node, clean))


# ----------------------------------------------------------------------------- model


class Length(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min_words: int = Field(ge=10, le=20000)
    max_words: int = Field(ge=10, le=20000)

    @model_validator(mode="after")
    def _order(self) -> "Length":
        if self.max_words < self.min_words:
            raise ValueError(f"max_words ({self.max_words}) is less than min_words ({self.min_words})")
        return self


class DocType(BaseModel):
    """One genre. Unknown keys are rejected so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    name: str = Field(description="slug, e.g. news-article")
    title: str
    description: str
    structure: tuple[str, ...] = Field(description="section descriptions, in order")
    length: Length
    register_: Literal["formal", "informal", "technical", "conversational"] = Field(alias="register")
    version: int = Field(default=1, ge=1)
    #: where the genre was loaded from (not a YAML key)
    source: str | None = Field(default=None, exclude=True)

    @field_validator("name")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not _SLUG.match(v):
            raise ValueError("must be a slug: lowercase letters and digits joined by '-' or '_' (e.g. news-article)")
        return v

    @field_validator("title", "description")
    @classmethod
    def _text(cls, v: str) -> str:
        v = " ".join(v.split())
        if not v:
            raise ValueError("must not be empty")
        return v

    @field_validator("structure", mode="before")
    @classmethod
    def _structure(cls, v: Any) -> Any:
        if isinstance(v, str):
            raise ValueError("must be a list of section descriptions, not a single string")
        if isinstance(v, (list, tuple)):
            if not v:
                raise ValueError("must list at least one section")
            out = []
            for i, x in enumerate(v):
                if not isinstance(x, str) or not x.strip():
                    raise ValueError(f"item {i} must be a non-empty string")
                out.append(" ".join(x.split()))
            return tuple(out)
        return v

    @property
    def register(self) -> str:  # type: ignore[override]  (BaseModel inherits ABC.register)
        """formal | informal | technical | conversational"""
        return self.register_

    def describe(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "register": self.register,
            "length": [self.length.min_words, self.length.max_words],
            "sections": len(self.structure),
            "version": self.version,
            "source": self.source,
        }


def load_doc_type(path: str | Path) -> DocType:
    """Read and validate one genre file; errors name the file, line and problem."""
    path = Path(path)
    data, node = read_yaml_nodes(path)
    if not isinstance(data, dict):
        raise InputError(str(path), "a doc type file must be a YAML mapping with name, title, description, structure, "
                                    "length and register", 1)
    if "source" in data:
        raise InputError(str(path), "unknown key 'source'", node_line(node, ["source"]))
    try:
        dt = DocType.model_validate(data)
    except ValidationError as exc:
        raise pydantic_error(path, node, exc, DocType) from None
    return dt.model_copy(update={"source": str(path)})


# ----------------------------------------------------------------------------- discovery


def bundled_dir(name: str) -> Path:
    """A data folder shipped with negkit (``doc_types`` or ``templates``)."""
    from ..resources import data_dir

    return data_dir(name)


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()
                  and not p.name.startswith((".", "_")))


def load_doc_types(dirs: Iterable[str | Path] = (), bundled: bool = True) -> dict[str, DocType]:
    """All genres by name: the bundled ones, then each of ``dirs`` in order.

    A user adds a genre by dropping a YAML file into one of ``dirs``; a file whose ``name``
    matches a bundled (or earlier) genre replaces it. Two files with one name in the same folder
    are an error. Returns a dict sorted by name.
    """
    folders: list[Path] = [bundled_dir("doc_types")] if bundled else []
    for d in dirs:
        p = Path(d)
        if p.is_file():
            folders.append(p)
            continue
        if not p.is_dir():
            raise InputError(str(p), "no such doc types folder")
        folders.append(p)
    out: dict[str, DocType] = {}
    for folder in folders:
        seen: dict[str, str] = {}
        files = [folder] if folder.is_file() else (_yaml_files(folder) if folder.is_dir() else [])
        for f in files:
            dt = load_doc_type(f)
            if dt.name in seen:
                raise InputError(str(f), f"doc type '{dt.name}' is also defined in {seen[dt.name]}", 1)
            seen[dt.name] = str(f)
            out[dt.name] = dt
    return dict(sorted(out.items()))


def select_doc_types(available: dict[str, DocType], names: Iterable[str] | None) -> list[DocType]:
    """The named genres (all if ``names`` is None), with a did-you-mean error for unknown names."""
    from ..errors import NegkitError

    if names is None:
        return list(available.values())
    picked = []
    for n in names:
        if isinstance(n, DocType):
            picked.append(n)
            continue
        if n not in available:
            close = difflib.get_close_matches(n, list(available), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(available)})"
            raise NegkitError(f"unknown doc type '{n}'{hint}")
        picked.append(available[n])
    if not picked:
        raise NegkitError("no doc types selected")
    # keep the caller's order but drop repeats
    uniq: dict[str, DocType] = {}
    for d in picked:
        uniq.setdefault(d.name, d)
    return list(uniq.values())
