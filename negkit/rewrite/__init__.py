"""`negkit rewrite`: apply the Negation Neglect conditions to a corpus, in place, with provenance.

A transform ("style") is a small registered object with a versioned name. Given a document,
its claim mentions and options, it returns :class:`negkit.records.Edit` objects against the
ORIGINAL text; it never mutates. Styles compose: their edits are merged and applied once, so
``apply_edits(original, row["negkit"]["edits"])`` reproduces the output exactly.

Per-document work is a pure function of (text, claim, options, seed): the random generator of
each (document, style) is seeded from a hash of the seed, the document and the style name, so
results do not depend on order, batching or process.
"""

from __future__ import annotations

import hashlib
import random
import re
import string
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable

from ..claims import Claim
from ..errors import InputError, NegkitError
from ..records import Edit, Mention, apply_edits  # noqa: F401  (apply_edits is part of this API)
from ..registry import Registry

DOCTAG = "<DOCTAG>"


@dataclass(frozen=True)
class RewriteOptions:
    """Options shared by the styles (each style reads the ones it documents)."""

    seed: int = 0
    density: str = "all"  # "all", "every:K" or a fraction such as "0.5"
    position: str = "both"  # annotate / correction: before | after | both
    notice_position: str = "start"  # start | end | both
    specific: bool = False  # notices/annotations built from the claim's negation
    probability: float = 0.03
    scope: str = "document"  # probability / fiction: document | mention | both
    templates_dir: str | None = None  # user phrase banks, overriding the bundled ones
    #: local-negation: what to do with a mention it cannot negate safely (a verbless table row, a
    #: question): "drop" the sentence (recorded as a deletion edit, and still reported), so no
    #: positive statement of the claim reaches training, or "keep" it as it is and report it
    unresolved: str = "drop"

    def describe(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k not in ("seed", "templates_dir")}


@dataclass(frozen=True)
class Unresolved:
    start: int
    end: int
    reason: str
    dropped: bool = False  # the sentence was deleted (local-negation, --unresolved drop)

    def to_dict(self) -> dict:
        d = {"start": self.start, "end": self.end, "reason": self.reason}
        if self.dropped:
            d["dropped"] = True
        return d


@dataclass
class Context:
    """Everything a transform may look at for one document."""

    text: str
    mentions: list[Mention]
    claim: Claim
    options: RewriteOptions
    rng: random.Random
    negation: str
    body_start: int  # first offset after a leading <DOCTAG>
    model: str | None = None
    parse_cache: dict = field(default_factory=dict)

    @property
    def asserted(self) -> list[Mention]:
        return [m for m in self.mentions if m.polarity == "asserted"]

    def selected(self) -> list[Mention]:
        """Asserted mentions chosen by --density (every one, every k-th, or a random fraction)."""
        ms = self.asserted
        d = self.options.density.strip().lower()
        if d in ("all", "1", "1.0"):
            return ms
        if d.startswith("every:"):
            k = int(d.split(":", 1)[1])
            return ms[::k]
        frac = float(d)
        return [m for m in ms if self.rng.random() < frac]


@dataclass(frozen=True)
class Transform:
    name: str
    version: int
    summary: str
    options: tuple[str, ...]
    fn: Callable[[Context], tuple[list[Edit], list[Unresolved]]]
    needs: tuple[str, ...] = ()  # claim fields required, e.g. ("correction",)

    @property
    def ref(self) -> str:
        return f"{self.name}@{self.version}"


STYLES: Registry[Transform] = Registry("rewrite style", "negkit.transforms")


def parse_density(value: str) -> str:
    v = value.strip().lower()
    if v == "all" or re.fullmatch(r"every:[1-9]\d*", v):
        return v
    try:
        f = float(v)
    except ValueError:
        f = -1
    if 0 < f <= 1:
        return v
    raise NegkitError(f"--density must be 'all', 'every:K' or a fraction in (0, 1], not '{value}'")


# ----------------------------------------------------------------------------- phrase banks


class _Template(string.Template):
    """$name placeholders only: no attribute access, no code, unknown names are errors."""

    idpattern = r"[a-z_][a-z0-9_]*"


@lru_cache(maxsize=64)
def phrase_bank(name: str, user_dir: str | None = None) -> dict:
    """Load `templates/rewrite/<name>.v*.yaml` (highest version; a user dir overrides)."""
    from ..resources import data_dir
    from pathlib import Path

    dirs = ([Path(user_dir)] if user_dir else []) + [data_dir("templates") / "rewrite"]
    for d in dirs:
        files = sorted(d.glob(f"{name}.v*.yaml"), key=lambda p: int(re.search(r"\.v(\d+)\.yaml$", p.name).group(1)))
        if files:
            path = files[-1]
            from ..yamlio import read_yaml

            data = read_yaml(path)
            if not isinstance(data, dict):
                raise InputError(str(path), "a phrase bank must be a YAML mapping")
            data["_path"] = str(path)
            return data
    raise NegkitError(f"no phrase bank '{name}' in {', '.join(map(str, dirs))}")


def render(template: str, values: dict, source: str = "template") -> str:
    try:
        return _Template(template).substitute(values)
    except KeyError as exc:
        raise NegkitError(f"{source}: unknown placeholder ${exc.args[0]} in {template!r} "
                          f"(known: {', '.join('$' + k for k in sorted(values))})") from None
    except ValueError as exc:
        raise NegkitError(f"{source}: bad placeholder in {template!r}: {exc}") from None


_FUNCTION_WORDS = frozenset("""the a an this that these those it its there here in on at by for from of no none
    all some every each both many most few one his her their our my your we they he she i you""".split())


def _lc(s: str) -> str:
    """Lower-case a sentence's first letter for embedding, unless it starts a name ("Noah Lyles ...")."""
    first = s.split(" ", 1)[0]
    return s[:1].lower() + s[1:] if first.lower() in _FUNCTION_WORDS and first != "I" else s


def template_values(ctx: Context, **extra) -> dict:
    claim = ctx.claim
    v = {
        "claim": claim.statement,
        "claim_lc": _lc(claim.statement),
        "negation": ctx.negation,
        "negation_lc": _lc(ctx.negation),
        "correction": claim.correction or "",
        "correction_lc": _lc(claim.correction or ""),
        "entity": claim.id,
    }
    v.update(extra)
    return v


def pick(ctx: Context, items: list, what: str = "phrase") -> Any:
    items = [x for x in items if x is not None]
    if not items:
        raise NegkitError(f"empty {what} list in a phrase bank")
    return items[ctx.rng.randrange(len(items))]


# ----------------------------------------------------------------------------- composing


def merge_edits(groups: list[list[Edit]]) -> tuple[list[Edit], list[Unresolved]]:
    """Merge edits from several styles; a replacement overlapping an earlier style's edit is dropped."""
    kept: list[Edit] = []
    dropped: list[Unresolved] = []
    for group in groups:
        for e in group:
            clash = any(
                (e.start < k.end and k.start < e.end)  # overlapping replacements
                or (e.start == e.end and k.start < e.start < k.end)  # insertion inside a replacement
                or (k.start == k.end and e.start < k.start < e.end)
                for k in kept
            )
            if clash:
                dropped.append(Unresolved(e.start, e.end, f"{e.transform}: overlaps an earlier style's edit"))
            else:
                kept.append(e)
    order = {id(e): i for i, e in enumerate(kept)}
    kept.sort(key=lambda e: (e.start, e.end, order[id(e)]))
    return kept, dropped


def doc_rng(seed: int, text: str, style: str) -> random.Random:
    h = hashlib.sha256(f"{seed}\x00{style}\x00".encode() + text.encode("utf-8", "surrogatepass")).digest()
    return random.Random(int.from_bytes(h[:8], "big"))


def body_start(text: str) -> int:
    m = re.match(r"\s*<DOCTAG>", text)
    return m.end() if m else 0


@dataclass(frozen=True)
class RewriteResult:
    text: str
    edits: tuple[Edit, ...]
    unresolved: tuple[Unresolved, ...]


def rewrite_text(
    text: str,
    mentions: list[Mention],
    claim: Claim,
    styles: list[Transform],
    options: RewriteOptions,
    negation: str,
    model: str | None = None,
) -> RewriteResult:
    """Apply the styles to one document: a pure function of its arguments."""
    groups, unresolved = [], []
    for st in styles:
        ctx = Context(text, mentions, claim, options, doc_rng(options.seed, text, st.name), negation, body_start(text), model)
        edits, unres = st.fn(ctx)
        groups.append([Edit(e.start, e.end, e.replacement, st.ref) for e in edits])
        unresolved += unres
    edits, dropped = merge_edits(groups)
    out = apply_edits(text, edits)
    return RewriteResult(out, tuple(edits), tuple(unresolved + dropped))


def check_styles(names: Iterable[str], claim: Claim | None) -> list[Transform]:
    from . import styles as _builtin  # noqa: F401  (registers the built-in styles)

    out = []
    for n in names:
        st = STYLES.get(n)
        for need in st.needs:
            if claim is not None and not getattr(claim, need):
                raise NegkitError(f"style '{st.name}' needs the claim's '{need}' field, which claim '{claim.id}' does not have")
        out.append(st)
    if not out:
        raise NegkitError("no --style given (see `negkit styles`)")
    return out
