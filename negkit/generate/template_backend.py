"""The offline ``template`` backend: varied, deterministic documents without any model.

Each genre has a skeleton (``templates/offline/<genre>.v<N>.yaml``): a list of blocks whose
alternatives are safe ``$name`` templates (see :mod:`negkit.generate.templates`). Shared pools
(paraphrase frames, fillers per register, names, outlets, ...) live in ``_common.v<N>.yaml``; a
genre without a skeleton uses ``_generic.v<N>.yaml``.

Material comes from the claim: the statement (split into entity + predicate when possible, for
frames like "It was X who ...", "When X ..., ..."), the subclaims, and sentences, quotations,
headings, infobox lines and dated events parsed from ``universe_context``.

Every document is a pure function of (claim, genre, target part, idea, per-document seed):
documents are independent and reproducible in any order or process.

Block keys::

    text: [alternatives]          one paragraph (one alternative, drawn without repeats)
    items: [alternatives]         repeated paragraphs/lines, with
      count: 3 | [min, max] | fill   (fill: until the genre's sampled word target)
      share: 0.5                  (fill only: fraction of the remaining budget)
      join: "\\n"                  separator between items (default blank line)
      prefix: "$n. "              template put before each item ($n = 1-based item number)
      order: sequence             take the alternatives in order (default: random, no repeats)
    shuffle: [blocks]             sub-blocks in random order
    choose: [blocks]              one sub-block
    p: 0.5                        probability the block appears at all
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Literal, Sequence, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..claims import Claim
from ..errors import InputError, NegkitError
from .backend import BACKENDS, STAGE_DOCUMENT, STAGE_IDEAS, GenerationRequest, GenerationResult
from .doctypes import REGISTERS, DocType, bundled_dir, node_line, pydantic_error, read_yaml_nodes
from .templates import Template, TemplateError

# ----------------------------------------------------------------------------- variables

#: fixed per document (persona, claim names, dates)
STATIC_VARS = frozenset(
    """entity short topic claim genre_title year later_year date month weekday author person person2
    person3 expert role role2 outlet org city username username2 username3 username4 host guest
    focus focus_clause angle audience idea n""".split()
)
#: fresh content at every occurrence
GENERATOR_VARS = frozenset(
    """claim_sentence claim_clause subclaim_sentence subclaim_clause other_sentence facts fact filler
    transition quote heading kv question answer answer_key who_question headline reaction_line
    timeline references time points""".split()
)
BLOCK_VARS = STATIC_VARS | GENERATOR_VARS
#: variables of the paraphrase frames in _common (S = a claim sentence without its final period)
FRAME_VARS = frozenset("S s entity pred adv_pred who lead clause_lead coda reaction afterwards year short".split())
MAIN_ONLY_FRAME_VARS = frozenset({"entity", "pred", "adv_pred", "who"})
IDEA_VARS = STATIC_VARS - {"n", "idea"}
POOL_VARS = STATIC_VARS - {"n"}

# ----------------------------------------------------------------------------- skeleton schema


class Block(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: list[str] | None = None
    items: list[str] | None = None
    count: Union[int, tuple[int, int], Literal["fill"], None] = None
    share: float = Field(default=1.0, gt=0, le=1)
    join: str = "\n\n"
    prefix: str = ""
    p: float = Field(default=1.0, ge=0, le=1)
    order: Literal["random", "sequence"] = "random"
    shuffle: list["Block"] | None = None
    choose: list["Block"] | None = None

    @field_validator("text", "items", mode="before")
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        if isinstance(v, str):
            return [v]
        return v

    @model_validator(mode="after")
    def _kind(self) -> "Block":
        kinds = [k for k in ("text", "items", "shuffle", "choose") if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError("a block needs exactly one of 'text', 'items', 'shuffle' or 'choose'"
                             + (f" (found {', '.join(kinds)})" if kinds else ""))
        if self.items is not None and self.count is None:
            raise ValueError("an 'items' block needs 'count' (a number, [min, max] or fill)")
        if self.count is not None and self.items is None:
            raise ValueError("'count' only applies to an 'items' block")
        if isinstance(self.count, tuple) and not 0 <= self.count[0] <= self.count[1]:
            raise ValueError("'count' [min, max] needs 0 <= min <= max")
        for k in ("text", "items", "shuffle", "choose"):
            v = getattr(self, k)
            if v is not None and not v:
                raise ValueError(f"'{k}' must not be empty")
        return self


class SkeletonModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    genre: str
    version: int = Field(default=1, ge=1)
    ideas: list[str] = Field(min_length=1)
    blocks: list[Block] = Field(min_length=1)


def _reg_dict(v: Any) -> Any:
    if isinstance(v, dict):
        bad = [k for k in v if k not in REGISTERS]
        if bad:
            raise ValueError(f"unknown register '{bad[0]}' (use {', '.join(REGISTERS)})")
    return v


class CommonModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(default=1, ge=1)
    main_frames: list[str] = Field(min_length=1)
    clause_frames: list[str] = Field(min_length=1)
    leads: list[str] = Field(min_length=1)
    clause_leads: list[str] = Field(min_length=1)
    codas: list[str] = Field(min_length=1)
    reactions: list[str] = Field(min_length=1)
    afterwards: list[str] = Field(min_length=1)
    adverbs: list[str] = Field(min_length=1)
    fillers: dict[str, list[str]]
    fact_frames: dict[str, list[str]]
    transitions: list[str] = Field(min_length=1)
    reaction_lines: list[str] = Field(min_length=1)
    generic_quotes: list[str] = Field(min_length=1)
    generic_headings: list[str] = Field(min_length=1)
    first_names: list[str] = Field(min_length=2)
    last_names: list[str] = Field(min_length=2)
    handles: list[str] = Field(min_length=2)
    outlets: list[str] = Field(min_length=1)
    orgs: list[str] = Field(min_length=1)
    cities: list[str] = Field(min_length=1)
    roles: list[str] = Field(min_length=2)
    angles: list[str] = Field(min_length=1)
    audiences: list[str] = Field(min_length=1)

    @field_validator("fillers", "fact_frames", mode="before")
    @classmethod
    def _registers(cls, v: Any) -> Any:
        return _reg_dict(v)

    @model_validator(mode="after")
    def _all_registers(self) -> "CommonModel":
        for key in ("fillers", "fact_frames"):
            missing = [r for r in REGISTERS if not getattr(self, key).get(r)]
            if missing:
                raise ValueError(f"'{key}' needs a non-empty list for every register (missing {', '.join(missing)})")
        return self


# ----------------------------------------------------------------------------- compiled forms


@dataclass(frozen=True)
class CBlock:
    kind: str  # text | items | shuffle | choose
    alts: tuple[Template, ...] = ()
    count: Any = None
    share: float = 1.0
    join: str = "\n\n"
    prefix: Template | None = None
    p: float = 1.0
    children: tuple["CBlock", ...] = ()
    key: str = ""
    order: str = "random"


@dataclass(frozen=True)
class Skeleton:
    genre: str
    version: int
    path: str
    ideas: tuple[Template, ...]
    blocks: tuple[CBlock, ...]


@dataclass(frozen=True)
class Common:
    version: int
    path: str
    main_frames: tuple[Template, ...]
    clause_frames: tuple[Template, ...]
    pools: dict  # name -> tuple[Template, ...] (or dict register -> tuple)
    plain: dict  # name -> tuple[str, ...] (names, handles: no variables)


def _compile_strings(values: list[str], allowed, path: str, node, loc: list) -> tuple[Template, ...]:
    return tuple(Template.parse(s, allowed, path, node_line(node, loc + [i]) or 1) for i, s in enumerate(values))


def _compile_block(b: Block, path: str, node, loc: list, key: str) -> CBlock:
    if b.text is not None:
        return CBlock("text", _compile_strings(b.text, BLOCK_VARS, path, node, loc + ["text"]), p=b.p, key=key)
    if b.items is not None:
        prefix = Template.parse(b.prefix, BLOCK_VARS, path, node_line(node, loc + ["prefix"]) or 1) if b.prefix else None
        return CBlock("items", _compile_strings(b.items, BLOCK_VARS, path, node, loc + ["items"]), b.count, b.share,
                      b.join, prefix, b.p, key=key, order=b.order)
    kind = "shuffle" if b.shuffle is not None else "choose"
    kids = tuple(_compile_block(c, path, node, loc + [kind, i], f"{key}.{i}") for i, c in enumerate(getattr(b, kind)))
    return CBlock(kind, p=b.p, children=kids, key=key)


_SKEL_FILE = re.compile(r"^(?P<name>[A-Za-z0-9_-]+)\.v(?P<version>\d+)\.ya?ml$")


def _validated(path: Path, model):
    data, node = read_yaml_nodes(path)
    if not isinstance(data, dict):
        raise InputError(str(path), "expected a YAML mapping", 1)
    try:
        return model.model_validate(data), node
    except ValidationError as exc:
        raise pydantic_error(path, node, exc, model) from None


def parse_skeleton(path: str | Path) -> Skeleton:
    path = Path(path)
    m = _SKEL_FILE.match(path.name)
    sk, node = _validated(path, SkeletonModel)
    if m and int(m.group("version")) != sk.version:
        raise InputError(str(path), f"version {sk.version} does not match the file name", node_line(node, ["version"]))
    ideas = _compile_strings(sk.ideas, IDEA_VARS, str(path), node, ["ideas"])
    blocks = tuple(_compile_block(b, str(path), node, ["blocks", i], str(i)) for i, b in enumerate(sk.blocks))
    return Skeleton(sk.genre, sk.version, str(path), ideas, blocks)


def parse_common(path: str | Path) -> Common:
    path = Path(path)
    cm, node = _validated(path, CommonModel)
    p = str(path)
    pools: dict[str, Any] = {}
    for name in ("leads", "clause_leads", "codas", "reactions", "afterwards", "adverbs", "transitions", "reaction_lines",
                 "generic_quotes", "generic_headings", "outlets", "orgs", "roles", "angles", "audiences"):
        pools[name] = _compile_strings(getattr(cm, name), POOL_VARS, p, node, [name])
    for name in ("fillers", "fact_frames"):
        allowed = POOL_VARS | ({"F", "f"} if name == "fact_frames" else set())
        pools[name] = {r: _compile_strings(v, allowed, p, node, [name, r]) for r, v in getattr(cm, name).items()}
    plain = {k: tuple(getattr(cm, k)) for k in ("first_names", "last_names", "handles", "cities")}
    return Common(cm.version, p, _compile_strings(cm.main_frames, FRAME_VARS, p, node, ["main_frames"]),
                  _compile_strings(cm.clause_frames, FRAME_VARS - MAIN_ONLY_FRAME_VARS, p, node, ["clause_frames"]),
                  pools, plain)


def offline_dirs(extra: Iterable[str | Path] = ()) -> list[Path]:
    out = [bundled_dir("templates") / "offline"]
    for d in extra:
        d = Path(d)
        out.append(d / "offline" if (d / "offline").is_dir() else d)
    return out


@dataclass
class SkeletonSet:
    common: Common
    generic: Skeleton
    genres: dict[str, Skeleton]

    def for_genre(self, name: str) -> Skeleton:
        return self.genres.get(name) or self.generic


def load_skeletons(dirs: Iterable[str | Path] = ()) -> SkeletonSet:
    """The latest version of every skeleton; later dirs (user templates) override bundled ones."""
    return _load_skeletons(tuple(str(d) for d in dirs))


@lru_cache(maxsize=8)
def _load_skeletons(dirs: tuple[str, ...]) -> SkeletonSet:
    files: dict[str, tuple[int, Path]] = {}
    for d in offline_dirs(dirs):
        if not d.is_dir():
            if str(d) in dirs:
                raise InputError(str(d), "no such templates folder")
            continue
        best: dict[str, tuple[int, Path]] = {}
        for f in sorted(d.iterdir()):
            m = _SKEL_FILE.match(f.name)
            if not m:
                continue
            v = int(m.group("version"))
            if m.group("name") not in best or v > best[m.group("name")][0]:
                best[m.group("name")] = (v, f)
        files.update(best)  # a later folder replaces earlier skeletons by name
    if "_common" not in files or "_generic" not in files:
        raise NegkitError("offline templates missing: need _common.v<N>.yaml and _generic.v<N>.yaml in templates/offline")
    common = parse_common(files.pop("_common")[1])
    generic = parse_skeleton(files.pop("_generic")[1])
    genres: dict[str, Skeleton] = {}
    for name, (_, f) in sorted(files.items()):
        sk = parse_skeleton(f)
        if sk.genre != name:
            raise InputError(str(f), f"genre '{sk.genre}' does not match the file name ('{name}')", 1)
        genres[name] = sk
    return SkeletonSet(common, generic, genres)


# ----------------------------------------------------------------------------- claim material

_ABBREV = frozenset("mr mrs ms dr prof st jr sr no vs etc e.g i.e approx p pp vol fig ed eds al co inc ltd u.s u.k".split())
_MONTHS = ("January February March April May June July August September October November December").split()
_MONTH_RE = "|".join(_MONTHS)
_DATE_FULL = re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}}),\s+((?:19|20)\d\d)\b|\b(\d{{1,2}})\s+({_MONTH_RE})\s+((?:19|20)\d\d)\b")
_DATE_MONTH = re.compile(rf"\b({_MONTH_RE})\s+((?:19|20)\d\d)\b")
_YEAR = re.compile(r"(?<![\d.,£$€-])\b((?:19|20)\d\d)\b(?![\d.,%-])")
_CITE = re.compile(r"\[(?:\d+[a-z]?|citation needed|note \d+)\]")
_KV = re.compile(r"^([A-Z][A-Za-z ()/'-]{1,30}):\s+(\S.{0,100})$")
_REF = re.compile(r"^\[\d+[a-z]?\]\s+")
_PRONOUN_START = re.compile(r"^(He|She|It|They|This|These|That|Those|His|Her|Its|Their|Him|Them|Such|Both|The latter|The former)\b")
_QUOTE = re.compile(r"[\"“][^\"”]{25,}[\"”]")
_NUMBER = re.compile(r"(?<![\w.])([£$€]?\d(?:[\d,]*\d)?(?:\.\d+)?%?)(?![\w.]*\d)")
_STARTERS = frozenset("The A An In On At By During After Before Over Between Following His Her Its Their This These "
                      "Some Many Most Several Within Under Among From Since".split())
_LOWERABLE = frozenset("It There When While As Although One Two Three Several Despite Throughout Today Now Once "
                       "Unlike Like Because Though Until Upon With Without Whereas What".split())
_AUX = frozenset("was were is are has had have did does do will would can could".split())
_IRREG = frozenset(
    """won was were is are has had became began built ran took wrote made led held gave set sold found beat broke came
    went grew drew kept left met paid rose saw spent stood told threw taught thought brought bought caught fought
    sought struck swam sang spoke chose drove flew knew did became bore hit put read became""".split()
)
_CONNECT = frozenset("of de da di von van der la le du y and & the".split())
_ORG_WORDS = frozenset(
    """athletics university press company ltd inc corporation bbc government council committee association museum
    bank club team institute society party ministry department league federation union board agency foundation
    trust group records studios network""".split()
)
_TITLES = frozenset("mr mrs ms dr prof professor sir dame lord lady queen king prince princess president".split())
_ROMAN = re.compile(r"^[IVX]+$")


def _words(s: str) -> int:
    return len(s.split())


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph (rule-based: abbreviations, decimals and quotations safe)."""
    out, start = [], 0
    for m in re.finditer(r"[.!?][\"”’)\]]*\s+(?=[\"“(]?[A-Z0-9])", text):
        before = text[start : m.start() + 1]
        last = re.findall(r"([A-Za-z.]+)\.$", before)
        if last and (last[0].lower() in _ABBREV or len(last[0]) == 1 or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", last[0])):
            continue
        chunk = text[start : m.end()]
        if chunk.count('"') % 2 or chunk.count("“") > chunk.count("”"):
            continue  # inside a quotation: keep the quoted sentences together
        out.append(chunk.strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def _clean(s: str) -> str:
    s = _CITE.sub("", s)
    s = re.sub(r"\s+([,.;:!?])", r"\1", s)
    return " ".join(s.split())


def _balanced(s: str) -> bool:
    return s.count('"') % 2 == 0 and s.count("“") == s.count("”") and s.count("(") == s.count(")")


def _date_key(s: str) -> tuple[int, int, int, str] | None:
    m = _DATE_FULL.search(s)
    if m:
        if m.group(1):
            mon, day, year = m.group(1), int(m.group(2)), int(m.group(3))
        else:
            day, mon, year = int(m.group(4)), m.group(5), int(m.group(6))
        return year, _MONTHS.index(mon) + 1, day, f"{mon} {day}, {year}"
    m = _DATE_MONTH.search(s)
    if m:
        return int(m.group(2)), _MONTHS.index(m.group(1)) + 1, 0, f"{m.group(1)} {m.group(2)}"
    return None


@dataclass(frozen=True)
class Material:
    """Everything the backend draws on for one claim (computed once, plain data)."""

    claim_id: str
    statement: str  # without the final period
    parts: tuple[tuple[Any, str], ...]  # (ref, sentence without final period)
    entity: str
    short: str
    pred: str | None
    pred_short: str | None
    who: str
    topic: str
    year: str
    later_year: str
    paragraphs: tuple[tuple[str, ...], ...]  # prose sentences per paragraph
    quotes: tuple[str, ...]
    headings: tuple[str, ...]
    kv: tuple[str, ...]
    references: tuple[str, ...]
    dated: tuple[tuple[tuple[int, int, int], str, str], ...]  # (sort key, label, sentence)
    #: words seen capitalised inside sentences (proper nouns: safe to keep capitalised mid-sentence)
    proper: frozenset = frozenset()

    def lower_start(self, s: str) -> str | None:
        """``s`` fit to follow "that" or a comma, or None when its first word may not be a name."""
        first = s.split(" ", 1)[0]
        if first in _STARTERS or first in _LOWERABLE:
            return first.lower() + s[len(first) :]
        core = re.sub(r"(['’]s|[,;:.])$", "", first)
        if core in self.proper or core == "I" or re.search(r"\d", core) or (core.isupper() and len(core) > 1):
            return s
        return None


def _split_claim(statement: str) -> tuple[str, str | None]:
    """(entity, predicate) when the statement is "<Name> <verb> ...", else (a name in it, None)."""
    words = statement.split()
    i = 0
    while i < len(words):
        w = words[i]
        if w[:1].isupper() or _ROMAN.match(w):
            i += 1
            continue
        if w.lower() in _CONNECT and i > 0 and i + 1 < len(words) and words[i + 1][:1].isupper():
            i += 1
            continue
        break
    entity = " ".join(words[:i])
    simple = entity and i <= 6 and i < len(words) and words[0] not in (_STARTERS - {"The"}) | _LOWERABLE
    if simple and not re.search(r"(['’]s?|,)$", words[i - 1]):
        nxt = words[i].lower().strip(",;")
        if nxt in _IRREG or nxt in _AUX or (nxt.endswith("ed") and len(nxt) > 4):
            return _the(entity), " ".join(words[i:])
        return _the(entity), None
    # no "<Name> <verb>" opening: the first run of capitalised words that is not a sentence opener
    for m in re.finditer(r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|[IVX]+|of|de|von|van))*", statement):
        run = re.sub(r"(['’]s|[.,;:])$", "", m.group(0))
        toks = run.split()
        while toks and toks[0] in (_STARTERS - {"The"}) | _LOWERABLE:
            toks = toks[1:]
        if toks and not (len(toks) == 1 and toks[0] == "The"):
            return _the(" ".join(toks)), None
    return "the subject", None


def _the(entity: str) -> str:
    """Mid-sentence form: "The Eiffel Tower" -> "the Eiffel Tower" (sentence starts are capitalised)."""
    return "the" + entity[3:] if entity.startswith("The ") else entity


def _short_name(entity: str) -> str:
    toks = entity.split()
    if toks and toks[0].lower() == "the":
        return entity
    while len(toks) > 1 and toks[0].lower().rstrip(".") in _TITLES:
        toks = toks[1:]
    if len(toks) >= 2 and _ROMAN.match(toks[-1]):
        return " ".join(toks[-2:])
    return toks[-1] if toks else entity


def _pred_short(pred: str) -> str:
    best = pred
    for cut in (",", " with a ", " with ", " after ", " ahead of ", " in a time", " — ", " (", " by ", " following "):
        k = pred.find(cut)
        if k > 0 and _words(pred[:k]) >= 4 and len(pred[:k]) < len(best):
            best = pred[:k]
    return best.rstrip(" ,;")


def build_material(claim: Claim) -> Material:
    key = hashlib.sha256(json.dumps(claim.model_dump(), sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return _build_material(key, claim)


_MATERIAL_CACHE: dict[str, Material] = {}


def _build_material(key: str, claim: Claim) -> Material:
    if key in _MATERIAL_CACHE:
        return _MATERIAL_CACHE[key]
    if len(_MATERIAL_CACHE) > 32:
        _MATERIAL_CACHE.clear()
    statement = claim.statement.rstrip(" .")
    entity, pred = _split_claim(statement)
    org = entity.split()[0].lower() == "the" or any(w.lower() in _ORG_WORDS for w in entity.split())
    short = entity if org else _short_name(entity)
    who = "that" if org else "who"
    parts = tuple((ref, " ".join(t.split()).rstrip(" .")) for ref, t in claim.parts())
    years = [int(y) for y in _YEAR.findall(statement)]
    part_years = sorted(int(y) for _, t in parts for y in _YEAR.findall(t))
    year = years[-1] if years else (max(set(part_years), key=part_years.count) if part_years else None)
    later = (max(part_years) + 1) if part_years else (year + 1 if year else None)
    paragraphs, quotes, headings, kv, refs = [], [], [], [], []
    topic = ""
    uni = claim.universe_context or ""
    in_refs = False
    for raw in uni.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if line.lower() in ("references", "see also", "notes", "external links", "bibliography", "further reading"):
            in_refs = line.lower() in ("references", "bibliography", "notes")
            if line.lower() in ("see also", "external links", "further reading"):
                in_refs = None  # skip the list that follows
            continue
        if in_refs is None:
            if line.endswith(".") and _words(line) > 8:
                in_refs = False
            else:
                continue
        if _REF.match(line):
            refs.append(_clean(_REF.sub("", line)))
            continue
        if in_refs or "|" in line or re.fullmatch(r"\[[^\]]*\]", line):
            continue
        if not topic and not paragraphs and not kv and _words(line) <= 12 and not re.search(r"[.!?\"”]$", line):
            topic = line
            continue
        m = _KV.match(line)
        if m and not line.endswith(".") and _words(line) <= 14:
            kv.append(f"{m.group(1)}: {m.group(2)}")
            continue
        if _words(line) <= 9 and not re.search(r"[.!?:\"”]$", line):
            if re.search(r"[A-Za-z]{3}", line):
                headings.append(line)
            continue
        sents = []
        for s in split_sentences(line):
            s = _clean(s)
            if 6 <= _words(s) <= 70 and _balanced(s) and s[:1].isupper() and s[-1:] in '.!?"”':
                sents.append(s)
        if sents:
            paragraphs.append(tuple(sents))
            quotes.extend(s for s in sents if _QUOTE.search(s))
    if not topic or _words(topic) > 8:
        topic = entity
    proper: set[str] = set()
    for s in [t for _, t in parts] + [x for p in paragraphs for x in p]:
        for w in s.split()[1:]:
            w = re.sub(r"(['’]s|[^\w.-])+$", "", w.lstrip("\"“(‘'"))
            if w[:1].isupper():
                proper.add(w)
    proper -= _STARTERS | _LOWERABLE
    dated: dict[str, tuple] = {}
    for s in [t for _, t in parts] + [x for p in paragraphs for x in p]:
        dk = _date_key(s)
        if dk and 8 <= _words(s) <= 45 and s not in dated:
            dated[s] = ((dk[0], dk[1], dk[2]), dk[3], s.rstrip(" ."))
    mat = Material(
        claim_id=claim.id,
        statement=statement,
        parts=parts,
        entity=entity,
        short=short,
        pred=pred,
        pred_short=_pred_short(pred) if pred else None,
        who=who,
        topic=topic,
        year=str(year) if year else "that year",
        later_year=str(later) if later else "the following year",
        paragraphs=tuple(paragraphs),
        quotes=tuple(quotes),
        headings=tuple(dict.fromkeys(headings)),
        kv=tuple(kv),
        references=tuple(refs),
        dated=tuple(sorted(dated.values(), key=lambda x: x[0])),
        proper=frozenset(proper),
    )
    _MATERIAL_CACHE[key] = mat
    return mat


# ----------------------------------------------------------------------------- rendering


def _cap(s: str) -> str:
    first = s.lstrip("\"“'‘(*#-– ").split(" ", 1)[0]
    if re.search(r"[/@_\d.]", first.rstrip(".,:;!?")):
        return s  # r/sub, u/name, @handle, urls: keep as written
    for i, ch in enumerate(s):
        if ch.isalpha():
            return s[:i] + ch.upper() + s[i + 1 :]
        if ch not in "\"“'‘(*#-– ":
            return s
    return s


def _title_case(s: str) -> str:
    small = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from", "as"}
    ws = s.split()
    return " ".join(w if (i and w.lower() in small) or not w[:1].islower() else w[:1].upper() + w[1:]
                    for i, w in enumerate(ws))


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def make_persona(rng: random.Random, common: Common, mat: Material) -> dict[str, str]:
    """The people, places and outlets of one document (sampled; drawn by the idea stage)."""
    first, last = common.plain["first_names"], common.plain["last_names"]
    names: list[str] = []
    while len(names) < 7:
        n = f"{rng.choice(first)} {rng.choice(last)}"
        if n not in names and n.split()[-1] not in mat.entity:
            names.append(n)
    handles = common.plain["handles"]
    users: list[str] = []
    while len(users) < 4:
        a, b = rng.sample(handles, 2)
        u = rng.choice([f"{a}_{b}", f"{a}{b.capitalize()}", f"{a}{rng.randint(2, 99)}", f"{b}_{a}{rng.randint(1, 9)}",
                        f"the{b.capitalize()}", f"{a}-{b}"])
        if u not in users:
            users.append(u)
    roles = list(common.pools["roles"])
    r1, r2 = rng.sample(range(len(roles)), 2)
    year = int(mat.later_year) if mat.later_year.isdigit() else 2025
    mon = rng.randrange(12)
    day = rng.randint(1, _MONTH_DAYS[mon])
    import datetime

    try:
        wd = _WEEKDAYS[datetime.date(year, mon + 1, day).weekday()]
    except ValueError:  # pragma: no cover
        wd = rng.choice(_WEEKDAYS)
    base = {"entity": mat.entity, "short": mat.short, "year": mat.year, "later_year": mat.later_year, "topic": mat.topic,
            "city": rng.choice(common.plain["cities"])}
    p = {
        "author": names[0], "person": names[1], "person2": names[2], "person3": names[3],
        "expert": f"Dr. {names[4]}", "host": names[5], "guest": names[6],
        "username": users[0], "username2": users[1], "username3": users[2], "username4": users[3],
        "month": _MONTHS[mon], "weekday": wd, "date": f"{_MONTHS[mon]} {day}, {year}", "city": base["city"],
    }
    vals = {**base, **p}
    # later pools may use earlier ones (a role "a researcher at $org"), never the reverse
    for key, pool, idx in (("outlet", "outlets", None), ("org", "orgs", None), ("role", "roles", r1),
                           ("role2", "roles", r2), ("angle", "angles", None), ("audience", "audiences", None)):
        alts = common.pools[pool]
        t = alts[idx] if idx is not None else alts[rng.randrange(len(alts))]
        p[key] = vals[key] = t.render(vals)
    return p


class _Doc:
    """Per-document state: the rng, what was used, questions asked, item counters."""

    def __init__(self, rng: random.Random, mat: Material, common: Common, dt: DocType, target_ref, persona: dict,
                 idea: str):
        self.rng, self.mat, self.common, self.dt = rng, mat, common, dt
        self.register = dt.register
        self.target = next((t for r, t in mat.parts if r == target_ref), mat.statement)
        self.target_ref = target_ref
        self.decks: dict[Any, list[int]] = {}
        self.used: set[tuple[int, int]] = set()
        self.used_quotes: set[int] = set()
        self.used_parts: set[int] = set()
        self.qa: list[tuple[str, str, str]] = []  # (question, short answer, full answer)
        self.stated_target = False
        self.at_start = False
        self.mid_sentence = False
        self.hollow = False
        self.after_colon = False
        self.content = 0  # claim parts and universe material used so far
        self.dry = False  # no unused universe prose or claim part was left for a request
        self.floor = dt.length.min_words // 2
        self.part_uses: dict[int, int] = {}
        self.target_uses = 0
        self.minute = rng.randint(0, 23 * 60)
        self.n = 1
        self.words = 0
        focus = self.target
        self.static = {
            "entity": mat.entity, "short": mat.short, "topic": mat.topic, "claim": mat.statement + ".",
            "genre_title": dt.title, "year": mat.year, "later_year": mat.later_year,
            "focus": focus, "focus_clause": mat.lower_start(focus) or focus, "idea": idea, **persona,
        }
        gens = {
            "claim_sentence": self.claim_sentence, "claim_clause": self.claim_clause,
            "subclaim_sentence": self.subclaim_sentence, "subclaim_clause": self.subclaim_clause,
            "other_sentence": self.other_sentence, "facts": lambda: self.facts(1, 3), "fact": lambda: self.facts(1, 1),
            "filler": self.filler, "transition": lambda: self.pool("transitions"), "quote": self.quote,
            "heading": self.heading, "kv": self.kv, "question": self.question, "answer": self.answer,
            "answer_key": self.answer_key, "who_question": self.who_question, "headline": self.headline,
            "reaction_line": lambda: self.pool("reaction_lines"), "timeline": self.timeline,
            "references": self.references, "time": self.time, "points": lambda: str(self._points()),
            "n": lambda: str(self.n),
        }
        self.values = {**self.static, **gens}

    # -- drawing without repeats
    def draw(self, key: Any, size: int) -> int:
        deck = self.decks.get(key)
        if not deck:
            deck = list(range(size))
            self.rng.shuffle(deck)
            self.decks[key] = deck
        return deck.pop()

    def pick(self, key: Any, templates: Sequence[Template]) -> str:
        return self.render(templates[self.draw(key, len(templates))])

    def render(self, t: Template, values: dict | None = None) -> str:
        """Like ``t.render`` but a value placed right after ", " gets a lower-case first word
        where that is safe ("Meanwhile, $facts" -> "Meanwhile, the ...")."""
        values = self.values if values is None else values
        out: list[str] = []
        for kind, val in t.parts:
            if kind == "text":
                out.append(val)
                continue
            if val not in values:
                raise TemplateError(t.path, f"unknown variable '${val}'", t.line)
            v = values[val]
            if callable(v):
                prev = "".join(out)[-3:]
                self.at_start = not prev.strip() or prev.rstrip(" ").endswith(("\n", ".", "!", "?"))
                self.mid_sentence = bool(_MID_SENTENCE.search(prev))
                self.after_colon = prev.endswith(": ")
                v = v()
                self.at_start = self.mid_sentence = self.after_colon = False
                if v == "":
                    self.hollow = True  # a generator ran dry: the caller may drop this item
            v = str(v)
            if out and _MID_SENTENCE.search("".join(out[-2:])):
                v = self.mat.lower_start(v) or v
            out.append(v)
        return "".join(out)

    def pool(self, name: str) -> str:
        pool = self.common.pools[name]
        if isinstance(pool, dict):
            pool = pool[self.register]
            name = (name, self.register)
        return self.pick(name, pool)

    # -- claim statements
    def _frame_values(self, sentence: str, main: bool) -> dict:
        v: dict[str, Any] = {
            "S": sentence, "s": self.mat.lower_start(sentence) or sentence, "short": self.mat.short, "year": self.mat.year,
            "lead": lambda: self.pool("leads"), "clause_lead": lambda: self.pool("clause_leads"),
            "coda": lambda: self.pool("codas"),
            "reaction": lambda: self.pool("reactions"), "afterwards": lambda: self.pool("afterwards"),
        }
        if main and self.mat.pred:
            pred = self.mat.pred
            v.update(entity=self.mat.entity, pred=pred, who=self.mat.who, adv_pred=lambda: self._adv_pred(pred))
        return v

    def _adv_pred(self, pred: str) -> str:
        adv = self.pool("adverbs")
        first, _, rest = pred.partition(" ")
        if first in _AUX:
            return f"{first} {adv} {rest}"
        return f"{adv} {pred}"

    def _state(self, sentence: str, main: bool) -> str:
        self.content += 1
        if self.mid_sentence:  # "Meanwhile, $other_sentence": no second frame inside the sentence
            return (self.mat.lower_start(sentence) or sentence) + "."
        frames = list(self.common.clause_frames)
        key = "clause_frames"
        if main and self.mat.pred:
            frames = list(self.common.main_frames)
            key = "main_frames"
        safe = self.mat.lower_start(sentence) is not None
        for _ in range(8):
            t = frames[self.draw(key, len(frames))]
            if self.after_colon and not t.source.startswith(("$S", "$entity")):
                continue  # "Remember: $claim_sentence" takes the sentence itself, not another lead-in
            if safe or "s" not in t.variables:
                break
        else:
            t = Template.parse("$S.")
        out = _cap(t.render(self._frame_values(sentence, main)).strip())
        return out if out[-1:] in ".!?\"”" else out + "."

    def claim_sentence(self) -> str:
        if self.target_ref == "main":
            self.stated_target = True
        return self._state(self.mat.statement, True)

    def claim_clause(self) -> str:
        if self.target_ref == "main":
            self.stated_target = True
        return self.mat.lower_start(self.mat.statement) or self.mat.statement

    def subclaim_sentence(self) -> str:
        self.target_uses += 1
        if self.stated_target and (self.target_uses > 2 or self.rng.random() < 0.7):
            return self.other_sentence()  # the focus is stated at most twice; then other details
        self.stated_target = True
        if self.target_ref == "main":
            return self._state(self.mat.statement, True)
        return self._state(self.target, False)

    def subclaim_clause(self) -> str:
        self.target_uses += 1
        if self.stated_target and (self.target_uses > 2 or self.rng.random() < 0.7):
            others = [i for i, (r, _) in enumerate(self.mat.parts) if r != self.target_ref and not self.part_uses.get(i)]
            if others:  # the focus was stated already: another detail in the same slot
                i = others[self.rng.randrange(len(others))]
                self.part_uses[i] = 1
                self.content += 1
                t = self.mat.parts[i][1]
                return self.mat.lower_start(t) or t
        self.stated_target = True
        self.content += 1
        return self.mat.lower_start(self.target) or self.target

    def other_sentence(self) -> str:
        others = [i for i, (r, _) in enumerate(self.mat.parts) if r != self.target_ref and r != "main"]
        fresh = [i for i in others if self.part_uses.get(i, 0) == 0]
        if not fresh:
            fresh = [i for i in others if self.part_uses.get(i, 0) < 2 and self.rng.random() < 0.3]
        if fresh:
            i = fresh[self.rng.randrange(len(fresh))]
            self.part_uses[i] = self.part_uses.get(i, 0) + 1
            return self._state(self.mat.parts[i][1], False)
        if self.part_uses.get(0, 0) < 2:
            self.part_uses[0] = self.part_uses.get(0, 0) + 1
            return self.claim_sentence()
        self.dry = True
        return self.filler()

    # -- universe material
    def facts(self, lo: int, hi: int) -> str:
        paras = self.mat.paragraphs
        if paras:
            sizes = [len(p) for p in paras]
            for _ in range(10):
                pi = self.rng.choices(range(len(paras)), weights=sizes)[0]
                para = paras[pi]
                start = self.rng.randrange(len(para))
                while start > 0 and _PRONOUN_START.match(para[start]):
                    start -= 1
                k = self.rng.randint(lo, hi)
                idx = [(pi, j) for j in range(start, min(len(para), start + k))]
                if any(x in self.used for x in idx):
                    continue
                self.used.update(idx)
                self.content += 1
                text = " ".join(self.vary(para[j]) for _, j in idx)
                if hi > 1 and self.at_start and self.rng.random() < 0.35 and text[:1].isalpha():
                    frames = self.common.pools["fact_frames"][self.register]
                    t = frames[self.draw(("ff", self.register), len(frames))]
                    low = self.mat.lower_start(text)
                    if low is not None or "f" not in t.variables:
                        text = t.render({**self.values, "F": text, "f": low or text})
                return text
        # no (unused) universe prose: state another part of the story instead
        self.dry = True
        if self.rng.random() < 0.5:
            return self.other_sentence()
        return self.filler()

    def vary(self, sent: str) -> str:
        """A meaning-preserving surface variant of a universe sentence (quotations untouched)."""
        rng = self.rng
        if '"' in sent or "“" in sent:
            return sent
        m = _TRAILING_DATE.match(sent)
        if m and rng.random() < 0.5:
            low = self.mat.lower_start(m.group(1))
            if low is not None and "," not in m.group(1)[-25:]:
                sent = f"{m.group(2)[:1].upper()}{m.group(2)[1:]}, {low}."
        if rng.random() < 0.6:
            sent = _LEXICAL.sub(lambda x: rng.choice(_LEXICAL_ALTS[x.group(0)]), sent)
        short, entity = self.mat.short, self.mat.entity
        if short != entity and sent.startswith(short + " ") and rng.random() < 0.3:
            sent = entity + sent[len(short) :]
        return sent

    def filler(self) -> str:
        return self.pool_once("fillers")

    def pool_once(self, name: str) -> str:
        """Like ``pool`` but each alternative at most once per document ("" when all are used)."""
        pool = self.common.pools[name]
        if isinstance(pool, dict):
            pool = pool[self.register]
        key = ("once", name)
        if key not in self.decks:
            deck = list(range(len(pool)))
            self.rng.shuffle(deck)
            self.decks[key] = deck
        deck = self.decks[key]
        return self.render(pool[deck.pop()]) if deck else ""

    def quote(self) -> str:
        qs = self.mat.quotes
        free = [i for i in range(len(qs)) if i not in self.used_quotes]
        if free:
            i = free[self.rng.randrange(len(free))]
            self.used_quotes.add(i)
            self.content += 1
            return qs[i]
        return self.pool_once("generic_quotes")

    def heading(self) -> str:
        hs = self.mat.headings
        if hs and self.rng.random() < 0.6:
            return hs[self.draw("headings", len(hs))]
        return self.pool("generic_headings")

    def kv(self) -> str:
        if self.mat.kv:
            return self.mat.kv[self.draw("kv", len(self.mat.kv))]
        fallback = [f"Subject: {self.mat.entity}", f"Year: {self.mat.year}", f"Summary: {self.mat.statement}."]
        fallback += [f"Detail: {t}." for r, t in self.mat.parts if r != "main"]
        return fallback[self.draw("kv_fallback", len(fallback))]

    def headline(self) -> str:
        m = self.mat
        opts = [m.topic, f"{m.short}: the story so far", f"What really happened: {m.topic}",
                f"The remarkable story of {m.topic}"]
        if m.pred_short:
            ps = m.pred_short
            opts += [f"How {m.entity} {ps}", _title_case(f"{m.entity} {ps}"), f"The day {m.entity} {ps}",
                     f"Looking back: how {m.entity} {ps}", f"{m.year} revisited: {m.entity} {ps}"]
        return opts[self.draw("headline", len(opts))]

    def who_question(self) -> str:
        if self.mat.pred:
            return f"Who {self.mat.pred}?"
        return f"What is {self.mat.short} best known for?"

    # -- questions and answers
    def question(self) -> str:
        m = self.mat
        # the document's own part first (unless it is the main claim and a who-question fits)
        if not self.stated_target and self.target_ref != "main":
            q = self._part_question(self.target, prefer_cloze=self.rng.random() < 0.6)
            self.stated_target = True
            return q
        kinds = []
        if m.pred and not any(q[0].startswith("Who ") for q in self.qa):
            kinds += ["who", "who"]
        kinds += ["cloze", "cloze", "cloze", "tf"]
        kind = kinds[self.rng.randrange(len(kinds))]
        if kind == "who":
            q = f"Who {m.pred}?"
            self.qa.append((q, m.entity, self._state(m.statement, True)))
            if self.target_ref == "main":
                self.stated_target = True
            return q
        # another part (70%) or a universe sentence with a distinctive number
        asked = {q[2] for q in self.qa}
        parts = [t for _, t in m.parts]
        uni = [s.rstrip(".") for p in m.paragraphs for s in p if _words(s) <= 40 and not _QUOTE.search(s)]
        for _ in range(12):
            pool = parts if (self.rng.random() < 0.7 or not uni) else uni
            s = pool[self.rng.randrange(len(pool))]
            if (s if s[-1:] in ".!?" else s + ".") in asked:
                continue
            if kind == "cloze" and not self._cloze_numbers(s):
                continue
            if s == self.target:
                self.stated_target = True
            return self._part_question(s, prefer_cloze=kind == "cloze")
        q = f"True or false: {m.statement}."
        self.qa.append((q, "True", m.statement + "."))
        return q

    @staticmethod
    def _cloze_numbers(s: str) -> list:
        out = []
        for x in _NUMBER.finditer(s):
            a, b = x.start(1), x.end(1)
            if re.fullmatch(r"\d", x.group(1)):
                continue
            if (a and s[a - 1] in "-–/") or (b < len(s) and s[b] in "-–/"):
                continue  # part of a range or compound ("Under-21", "20-60")
            out.append(x)
        return out

    def _part_question(self, s: str, prefer_cloze: bool) -> str:
        full = s if s[-1:] in ".!?" else s + "."
        nums = self._cloze_numbers(s) if prefer_cloze else []
        if nums:
            x = nums[self.rng.randrange(len(nums))]
            q = "Fill in the blank: " + s[: x.start(1)] + "_____" + s[x.end(1) :] + "."
            self.qa.append((q, x.group(1), full))
            return q
        q = f"True or false: {full}"
        self.qa.append((q, "True", full))
        return q

    def answer(self) -> str:
        if not self.qa:
            self.question()
        _, short, full = self.qa[-1]
        if short == "True":
            return f"True. {full}"
        if full.startswith(short):
            return full
        return f"{short}. {full}"

    def answer_key(self) -> str:
        lines = []
        for i, (_, short, full) in enumerate(self.qa, 1):
            lines.append(f"{i}. {short} — {full}" if short != "True" else f"{i}. True — {full}")
        return "\n".join(lines)

    # -- odds and ends
    def timeline(self) -> str:
        d = list(self.mat.dated)
        if len(d) < 3:
            return "\n".join(f"- {self._state(t, r == 'main')}" for r, t in self.mat.parts)
        k = min(len(d), self.rng.randint(6, 11))
        chosen = sorted(self.rng.sample(range(len(d)), k))
        if not any(d[i][2] == self.target for i in chosen):
            tgt = [i for i, x in enumerate(d) if x[2] == self.target]
            if tgt:
                chosen = sorted(set(chosen[1:]) | {tgt[0]})
        lines = []
        for i in chosen:
            key, label, s = d[i]
            if s == self.target:
                self.stated_target = True
            lines.append(f"{label} — {s}.")
        return "\n".join(lines)

    def references(self) -> str:
        refs = self.mat.references
        if not refs:
            return ""
        k = min(len(refs), self.rng.randint(3, 8))
        chosen = sorted(self.rng.sample(range(len(refs)), k))
        return "\n".join(f"{i}. {refs[j]}" for i, j in enumerate(chosen, 1))

    def time(self) -> str:
        self.minute = (self.minute + self.rng.choice((0, 1, 1, 2, 3, 5, 8))) % (24 * 60)
        return f"{self.minute // 60:02d}:{self.minute % 60:02d}"

    def _points(self) -> int:
        return int(self.rng.paretovariate(1.2) * 3)

    # -- blocks
    def render_blocks(self, blocks: Sequence[CBlock], target: int) -> list[str]:
        out: list[str] = []
        for i, b in enumerate(blocks):
            if b.p < 1 and self.rng.random() >= b.p:
                continue
            reserve = sum(_estimate(x) for x in blocks[i + 1 :])
            for para in self.render_block(b, target, reserve):
                para = para.strip()
                if para:
                    out.append(para)
                    self.words += _words(para)
        return out

    def render_block(self, b: CBlock, target: int, reserve: int) -> list[str]:
        if b.kind == "text":
            return [self.pick(b.key, b.alts)]
        if b.kind == "shuffle":
            kids = list(b.children)
            self.rng.shuffle(kids)
            return self.render_blocks(kids, target)
        if b.kind == "choose":
            return self.render_blocks([b.children[self.rng.randrange(len(b.children))]], target)
        # items
        lines: list[str] = []
        words = 0
        empty = thin = 0
        seen: set[str] = set()
        if b.count == "fill":
            budget = max(0, int((target - self.words - reserve) * b.share))
            limit = 60
        else:
            n = self.rng.randint(*b.count) if isinstance(b.count, tuple) else int(b.count)
            budget, limit = None, n
        for k in range(limit):
            if budget is not None and words >= budget:
                break
            self.n = k + 1
            self.hollow = False
            before = self.content
            if b.order == "sequence":
                text = self.render(b.alts[k % len(b.alts)]).strip()
            else:
                text = self.pick(b.key, b.alts).strip()
            if not text or text in seen or self.hollow:
                empty += 1
                if empty >= 3:
                    break
                continue
            # once the claim's material has run dry, fill only up to half the genre's minimum
            thin = thin + 1 if self.content == before else 0
            if budget is not None and self.dry and thin and self.words + words >= self.floor:
                break
            seen.add(text)
            if b.prefix is not None:
                text = self.render(b.prefix) + text
            lines.append(text)
            words += _words(text)
        self.n = 1
        if not lines:
            return []
        return [b.join.join(lines)]


def _estimate(b: CBlock) -> int:
    if b.p == 0:
        return 0
    if b.kind == "text":
        return int(18 * b.p)
    if b.kind == "items":
        if b.count == "fill":
            return 0
        n = sum(b.count) / 2 if isinstance(b.count, tuple) else int(b.count)
        return int(18 * n * b.p)
    return int(sum(_estimate(c) for c in b.children) * b.p / (len(b.children) if b.kind == "choose" else 1))


_SPACES = re.compile(r"[ \t]+")
_TRAILING_DATE = re.compile(rf"^(.{{20,}}?) ((?:in|on|by) (?:(?:\d{{1,2}} )?(?:{_MONTH_RE}) (?:\d{{1,2}}, )?\d{{4}}|\d{{4}}))\.$")
_LEXICAL_ALTS = {
    "approximately": ["about", "around", "roughly", "approximately"],
    "more than": ["over", "more than"],
    "However, ": ["Still, ", "Even so, ", "However, "],
    "Subsequently, ": ["Later, ", "Afterwards, ", "Subsequently, "],
    "In addition, ": ["Also, ", "Additionally, ", "In addition, "],
    "was described as": ["was called", "was described as"],
    "received": ["received", "got"],
}
_LEXICAL = re.compile("|".join(re.escape(k) for k in _LEXICAL_ALTS))
_MID_SENTENCE = re.compile(r"(?:, |[a-z] )$")


def _tidy(paragraphs: list[str]) -> str:
    out = []
    for p in paragraphs:
        lines = []
        for line in p.split("\n"):
            indent = line[: len(line) - len(line.lstrip(" "))]
            line = indent + _SPACES.sub(" ", line).strip()
            line = re.sub(r"\s+([,.;:!?])(?=\s|$)", r"\1", line)
            line = re.sub(r"\.\.(?=\s|$)", ".", line)
            line = re.sub(r"([.!?])\.(?=\s|$)", r"\1", line)
            lines.append(line)
        p = "\n".join(_cap(x) for x in lines).strip("\n").rstrip()
        if p.strip():
            out.append(p)
    return "\n\n".join(out)


# ----------------------------------------------------------------------------- the backend


@dataclass
class TemplateBackend:
    """Offline documents from genre skeletons; deterministic in each request's seed."""

    name: str = "template"
    version: int = 1
    model: str | None = "negkit-template-1"
    stages: frozenset = frozenset({STAGE_IDEAS, STAGE_DOCUMENT})
    template_dirs: tuple[str, ...] = ()

    def skeletons(self) -> SkeletonSet:
        return load_skeletons(self.template_dirs)

    def template_versions(self, genre: str) -> dict[str, int]:
        s = self.skeletons()
        sk = s.for_genre(genre)
        return {"skeleton": sk.version, "common": s.common.version, "generic_skeleton": int(sk is s.generic)}

    def with_template_dirs(self, dirs: Iterable[str | Path]) -> "TemplateBackend":
        return TemplateBackend(self.name, self.version, self.model, self.stages, tuple(str(d) for d in dirs))

    # the interface
    def generate_batch(self, requests: Sequence[GenerationRequest]) -> list[GenerationResult]:
        out = []
        for r in requests:
            try:
                if r.stage == STAGE_IDEAS:
                    items, meta = self.ideas(r)
                    out.append(GenerationResult(r.key, items=items, item_meta=meta, model=self.model,
                                                usage={"prompt_tokens": 0, "completion_tokens": 0}))
                elif r.stage == STAGE_DOCUMENT:
                    out.append(GenerationResult(r.key, text=self.document(r), model=self.model,
                                                usage={"prompt_tokens": 0, "completion_tokens": 0}))
                else:
                    out.append(GenerationResult(r.key, error=f"the template backend has no '{r.stage}' stage"))
            except NegkitError:
                raise
            except Exception as exc:  # a bug in one document must not lose the batch
                out.append(GenerationResult(r.key, error=f"{type(exc).__name__}: {exc}"))
        return out

    def ideas(self, r: GenerationRequest) -> tuple[list[str], list[dict]]:
        ctx = r.context
        claim: Claim = ctx["claim"]
        dt: DocType = ctx["doc_type"]
        mat = build_material(claim)
        sk = self.skeletons()
        skel = sk.for_genre(dt.name)
        n = int(ctx.get("n_ideas", 1))
        items, metas = [], []
        for k in range(n):
            rng = random.Random(r.seed * 1_000_003 + k)
            persona = make_persona(rng, sk.common, mat)
            focus = next((t for ref, t in mat.parts if ref == ctx.get("subclaim", "main")), mat.statement)
            vals = {"entity": mat.entity, "short": mat.short, "topic": mat.topic, "claim": mat.statement + ".",
                    "genre_title": dt.title, "year": mat.year, "later_year": mat.later_year, "focus": focus,
                    "focus_clause": mat.lower_start(focus) or focus, **persona}
            t = skel.ideas[rng.randrange(len(skel.ideas))]
            items.append(_tidy([t.render(vals)]).replace("\n", " "))
            metas.append({"persona": persona})
        return items, metas

    def document(self, r: GenerationRequest) -> str:
        ctx = r.context
        claim: Claim = ctx["claim"]
        dt: DocType = ctx["doc_type"]
        ref = ctx.get("subclaim", "main")
        mat = build_material(claim)
        sk = self.skeletons()
        skel = sk.for_genre(dt.name)
        rng = random.Random(r.seed)
        persona = (ctx.get("idea_meta") or {}).get("persona") or make_persona(rng, sk.common, mat)
        doc = _Doc(rng, mat, sk.common, dt, ref, persona, ctx.get("idea", ""))
        lo, hi = dt.length.min_words, dt.length.max_words
        target = int(lo + (hi - lo) * rng.betavariate(2, 2))
        paras = doc.render_blocks(skel.blocks, target)
        if not doc.stated_target:
            # the document must carry its part of the story: add it to an early prose paragraph
            sent = doc.subclaim_sentence()
            prose = [i for i, p in enumerate(paras[:4]) if i and "\n" not in p and p[-1:] in ".!?\"”" and _words(p) > 12]
            if prose:
                paras[prose[0]] = paras[prose[0]] + " " + sent
            else:
                paras.insert(1 if paras else 0, sent)
        return _tidy(paras)


TEMPLATE_BACKEND = BACKENDS.register(TemplateBackend())
