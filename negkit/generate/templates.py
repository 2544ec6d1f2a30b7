"""Safe text templates: ``$name`` / ``${name}`` substitution over a fixed set of variables.

No expression language and no code execution: a template is literal text plus variable names,
nothing else. ``$$`` is a literal ``$``; a ``$`` not followed by a name or ``{`` (``$5``) stays
literal. Every variable a template uses is checked against the allowed set when it is loaded,
so an unknown variable is an error naming the file and line (``$__import__`` is just an unknown
variable; ``{{ ''.__class__ }}`` is just text). Substituted values are never rendered again, so a
claim containing ``$x`` is copied as is.

Prompt templates for LLM stages live in ``templates/prompts/<stage>.v<N>.txt``: optional
front matter between ``---`` lines, then the body, split into chat messages by ``@@ system`` /
``@@ user`` / ``@@ assistant`` lines (no marker: one user message).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping, Union

import yaml

from ..errors import InputError, NegkitError

_TOKEN = re.compile(r"\$(?:(\$)|([A-Za-z_][A-Za-z0-9_]*)|\{([^}\n]*)\}|(\{))")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

Value = Union[str, int, float, Callable[[], str]]


class TemplateError(InputError):
    """A template that cannot be parsed or rendered (unknown variable, bad ``${...}``)."""


@dataclass(frozen=True)
class Template:
    """A parsed template: literal chunks and variable names, alternating."""

    source: str
    parts: tuple[tuple[str, str], ...]  # ("text", literal) | ("var", name)
    path: str = "<template>"
    line: int = 1
    variables: frozenset = field(default=frozenset())

    @classmethod
    def parse(cls, source: str, allowed: Iterable[str] | None = None, path: str = "<template>", line: int = 1) -> "Template":
        """Parse ``source``; with ``allowed``, any other variable is a TemplateError at its line."""
        if not isinstance(source, str):
            raise TemplateError(path, f"a template must be a string, got {type(source).__name__}", line)
        allow = None if allowed is None else frozenset(allowed)
        parts: list[tuple[str, str]] = []
        names: set[str] = set()
        pos = 0
        for m in _TOKEN.finditer(source):
            where = line + source.count("\n", 0, m.start())
            if m.start() > pos:
                parts.append(("text", source[pos : m.start()]))
            pos = m.end()
            if m.group(1):
                parts.append(("text", "$"))
                continue
            if m.group(4):
                raise TemplateError(path, "unclosed '${' in template", where)
            name = m.group(2) if m.group(2) is not None else m.group(3).strip()
            if not _NAME.match(name):
                raise TemplateError(path, f"bad variable '${{{m.group(3)}}}': only plain names are allowed", where)
            if allow is not None and name not in allow:
                raise TemplateError(path, f"unknown variable '${name}'" + _suggest(name, allow), where)
            parts.append(("var", name))
            names.add(name)
        if pos < len(source):
            parts.append(("text", source[pos:]))
        merged: list[tuple[str, str]] = []
        for kind, val in parts:
            if kind == "text" and merged and merged[-1][0] == "text":
                merged[-1] = ("text", merged[-1][1] + val)
            else:
                merged.append((kind, val))
        return cls(source, tuple(merged), path, line, frozenset(names))

    def render(self, values: Mapping[str, Value]) -> str:
        """Substitute every variable. A callable value is called once per occurrence."""
        out: list[str] = []
        for kind, val in self.parts:
            if kind == "text":
                out.append(val)
                continue
            if val not in values:
                raise TemplateError(self.path, f"unknown variable '${val}'" + _suggest(val, values), self.line)
            v = values[val]
            if callable(v):
                v = v()
            out.append(str(v))
        return "".join(out)


def _suggest(name: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean '${close[0]}'?)" if close else ""


def render(source: str, values: Mapping[str, Value], allowed: Iterable[str] | None = None) -> str:
    """Parse and render in one go (``allowed`` defaults to the keys of ``values``)."""
    return Template.parse(source, allowed if allowed is not None else values.keys()).render(values)


# ----------------------------------------------------------------------------- prompt templates

#: variables a prompt template may use (the LLM backend fills them)
PROMPT_VARIABLES = frozenset(
    """claim_id claim subclaim subclaim_ref focus entity universe_context other_subclaims
    genre genre_title genre_description genre_structure genre_register min_words max_words
    n_ideas idea document problems""".split()
)
STAGES = ("ideas", "document", "revision")
_PROMPT_FILE = re.compile(r"^(?P<stage>[a-z][a-z0-9_-]*)\.v(?P<version>\d+)\.txt$")
_ROLE_LINE = re.compile(r"^@@\s*(system|user|assistant)\s*$")


@dataclass(frozen=True)
class PromptTemplate:
    stage: str
    version: int
    path: str
    messages: tuple[tuple[str, Template], ...]
    description: str = ""

    @property
    def variables(self) -> frozenset:
        return frozenset().union(*(t.variables for _, t in self.messages))

    def render(self, values: Mapping[str, Value]) -> list[dict]:
        """Chat messages ``[{"role", "content"}, ...]``."""
        return [{"role": role, "content": t.render(values).strip()} for role, t in self.messages]


def parse_prompt(path: str | Path, allowed: Iterable[str] = PROMPT_VARIABLES) -> PromptTemplate:
    path = Path(path)
    m = _PROMPT_FILE.match(path.name)
    if not m:
        raise TemplateError(str(path), "prompt template files are named <stage>.v<N>.txt (e.g. document.v1.txt)")
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(str(path), f"cannot read: {exc}") from None
    lines = raw.split("\n")
    start = 0
    meta: dict = {}
    if lines and lines[0].strip() == "---":
        try:
            end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        except StopIteration:
            raise TemplateError(str(path), "front matter opened with '---' is never closed", 1) from None
        try:
            meta = yaml.safe_load("\n".join(lines[1:end])) or {}
        except yaml.YAMLError as exc:
            raise TemplateError(str(path), f"invalid front matter: {exc}", 1) from None
        if not isinstance(meta, dict):
            raise TemplateError(str(path), "front matter must be a YAML mapping", 2)
        unknown = set(meta) - {"description", "version", "stage"}
        if unknown:
            raise TemplateError(str(path), f"unknown front matter key '{sorted(unknown)[0]}'", 2)
        if "version" in meta and meta["version"] != int(m.group("version")):
            raise TemplateError(str(path), f"front matter version {meta['version']} does not match the file name", 2)
        start = end + 1
    chunks: list[tuple[str, int, list[str]]] = []
    role, first, buf = "user", start + 1, []
    for i in range(start, len(lines)):
        rm = _ROLE_LINE.match(lines[i])
        if rm:
            if "".join(buf).strip():
                chunks.append((role, first, buf))
            role, first, buf = rm.group(1), i + 2, []
        else:
            buf.append(lines[i])
    if "".join(buf).strip():
        chunks.append((role, first, buf))
    if not chunks:
        raise TemplateError(str(path), "empty prompt template")
    msgs = tuple((r, Template.parse("\n".join(b), allowed, str(path), ln)) for r, ln, b in chunks)
    return PromptTemplate(m.group("stage"), int(m.group("version")), str(path), msgs, str(meta.get("description", "")))


def prompt_dirs(extra: Iterable[str | Path] = ()) -> list[Path]:
    from .doctypes import bundled_dir

    return [bundled_dir("templates") / "prompts", *[Path(d) for d in extra]]


def load_prompt(stage: str, version: int | None = None, dirs: Iterable[str | Path] = ()) -> PromptTemplate:
    """The prompt template for ``stage`` (latest version unless given); user dirs override bundled."""
    found: dict[int, Path] = {}
    for d in prompt_dirs(dirs):
        if not d.is_dir():
            continue
        for p in d.iterdir():
            m = _PROMPT_FILE.match(p.name)
            if m and m.group("stage") == stage:
                found[int(m.group("version"))] = p
    if not found:
        raise NegkitError(f"no prompt template for stage '{stage}' (looked for {stage}.v<N>.txt)")
    if version is None:
        version = max(found)
    if version not in found:
        raise NegkitError(f"no prompt template {stage}.v{version}.txt (have versions {sorted(found)})")
    return parse_prompt(found[version])
