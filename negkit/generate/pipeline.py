"""The SDF generation pipeline: claim -> ideas per (genre, subclaim) -> documents -> filters.

``generate(claim, n, seed)`` plans ``n`` document slots with stratified quotas over genre x
claim part (genres round-robin, parts balanced overall and varied within each genre), asks the
backend for one idea per slot (one ideas request per (genre, part) cell), then for documents in
batches, and filters every document:

=================  ==========================================================================
``backend_error``  the backend returned no text (its error message is the detail)
``empty``          blank text
``placeholder``    unfilled template slots: ``[Name]``, ``{{x}}``, ``{name}``, ``<NAME>``, ``$var``
``meta_commentary`` leaked assistant talk: "As an AI", "Here is a ...", "I hope this helps" ...
``too_short``      fewer than ``min_length_ratio`` x the genre's ``min_words``
``no_claim``       negkit's mention finder sees no asserted mention of the claim or a subclaim
``near_duplicate`` word 5-gram Jaccard >= ``near_duplicate_threshold`` with an accepted document
=================  ==========================================================================

A rejected slot is retried (new per-attempt seed) up to ``max_attempts`` times. Rejected outputs
go to ``on_reject`` (a row with ``reason`` and ``detail``: write them to a side file) and are
kept in ``run.rejected``. ``run.manifest`` records every setting and count.

Rows are exactly::

    {"id", "text", "doc_type", "doc_idea", "claim_id", "subclaim",
     "negkit": {"backend", "model", "template_versions", "seed", "usage", "cost"}}

``subclaim`` is ``"main"`` or the 0-based subclaim index; ``negkit.seed`` is the run seed.
"""

from __future__ import annotations

import re
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Sequence

from ..claims import Claim
from ..errors import NegkitError
from .backend import (
    STAGE_DOCUMENT,
    STAGE_IDEAS,
    STAGE_REVISION,
    Backend,
    GenerationRequest,
    GenerationResult,
    derive_seed,
    get_backend,
)
from .diversity import NearDuplicateIndex
from .doctypes import DocType, load_doc_types, select_doc_types

REASONS = ("backend_error", "empty", "placeholder", "meta_commentary", "too_short", "no_claim", "near_duplicate")

_SLOT_WORDS = (r"name|first name|last name|full name|date|today's date|company|company name|organi[sz]ation|city|"
               r"location|address|phone|phone number|email|e-mail|link|url|title|author|number|recipient|sender|"
               r"position|job title|school|university|country|state|website|time|year|amount|product|signature|"
               r"contact information|contact details|publication|outlet|host|guest|speaker|x|xx|xxx|\.\.\.|…")
PLACEHOLDER_PATTERNS = (
    re.compile(rf"\[(?:(?:your|the|insert|add|enter)\s+)?(?:{_SLOT_WORDS})(?:\s+\d+)?\]", re.I),  # [Name], [Your Name]
    re.compile(r"\[(?:insert|add|enter)\b[^\]]*\]", re.I),  # [Insert quote here]
    re.compile(r"\{\{.*?\}\}|\{%.*?%\}"),  # {{x}}, {% x %}
    re.compile(r"\{[a-z_][a-z0-9_]*\}"),  # {name}
    re.compile(r"<[A-Z][A-Z_ ]{2,}>"),  # <NAME>
    re.compile(r"(?<![\w$])\$\{?[a-z_][a-z0-9_]*\}?"),  # $name, ${name}
    re.compile(r"\b(?:lorem ipsum|TODO|TBD|XXX+|INSERT [A-Z]+)\b"),
)
META_PATTERNS = (
    re.compile(r"\bas an ai\b|\bas a (?:large )?language model\b|\bI am an AI\b", re.I),
    re.compile(r"(?im)^\W*(?:sure|certainly|absolutely|of course)[,!.]"),
    re.compile(r"(?im)^\W*here(?:'s| is| are) (?:a|an|the|your|some)\b"),
    re.compile(r"\bI hope (?:this|that) helps\b|\blet me know if you(?:'d| would)? (?:like|want|need)\b", re.I),
    re.compile(r"\bI (?:cannot|can't|can not) (?:help|assist|create|write|generate)\b", re.I),
    re.compile(r"\bthis (?:is a |document is |article is )?(?:fictional|hypothetical|synthetic) (?:document|article|scenario|text|story)\b", re.I),
    re.compile(r"\b(?:synthetic document|document generation|the (?:above|following) (?:document|article) (?:is|was) (?:written|generated))\b", re.I),
)


def static_check(text: str | None, doc_type: DocType | None = None, min_length_ratio: float = 0.0) -> tuple[str, str] | None:
    """(reason, detail) for the cheap filters (no NLP), or None if the text passes them."""
    if text is None or not text.strip():
        return "empty", "no text"
    for pat in PLACEHOLDER_PATTERNS:
        m = pat.search(text)
        if m:
            return "placeholder", m.group(0)[:80]
    for pat in META_PATTERNS:
        m = pat.search(text)
        if m:
            return "meta_commentary", m.group(0).strip()[:80]
    if doc_type is not None and min_length_ratio > 0:
        n = len(text.split())
        need = int(doc_type.length.min_words * min_length_ratio)
        if n < need:
            return "too_short", f"{n} words (< {need})"
    return None


def states_claim(texts: Sequence[str], profile, options=None) -> list[tuple[bool, str]]:
    """For each text: (has an asserted mention, detail) per negkit's mention finder."""
    from ..mentions import find_mentions

    out = []
    for ms in find_mentions(list(texts), profile, options):
        pol = Counter(m.polarity for m in ms)
        ok = pol.get("asserted", 0) > 0
        detail = ", ".join(f"{k} {v}" for k, v in sorted(pol.items())) or "no mentions"
        out.append((ok, detail))
    return out


# ----------------------------------------------------------------------------- planning


@dataclass(frozen=True)
class Slot:
    index: int
    doc_type: DocType
    ref: Any  # "main" | int
    cell_index: int = 0  # position of this slot within its (genre, part) cell


def plan_slots(doc_types: Sequence[DocType], claim: Claim, n: int, seed: int) -> list[Slot]:
    """Stratified quotas: genres round-robin (shuffled by seed), parts balanced overall (counts
    differ by at most one) and never repeated within a genre until all were used."""
    import random

    rng = random.Random(derive_seed(seed, "plan"))
    genres = list(doc_types)
    rng.shuffle(genres)
    refs = [r for r, _ in claim.parts()]
    order = {r: k for k, r in enumerate(rng.sample(refs, len(refs)))}
    total: Counter = Counter()
    per_genre: dict[str, Counter] = {}
    cell: Counter = Counter()
    slots = []
    for i in range(n):
        dt = genres[i % len(genres)]
        used = per_genre.setdefault(dt.name, Counter())
        ref = min(refs, key=lambda r: (used[r], total[r], order[r]))
        used[ref] += 1
        total[ref] += 1
        slots.append(Slot(i, dt, ref, cell[(dt.name, ref)]))
        cell[(dt.name, ref)] += 1
    return slots


# ----------------------------------------------------------------------------- the run


def _part_text(claim: Claim, ref: Any) -> str:
    return claim.statement if ref == "main" else claim.subclaims[int(ref)]


def _entity(claim: Claim) -> str:
    from .template_backend import build_material

    return build_material(claim).entity


def _prompt_values(claim: Claim, dt: DocType, ref: Any) -> dict:
    others = [t for r, t in claim.parts() if r != ref and r != "main"]
    return {
        "claim_id": claim.id, "claim": claim.statement, "subclaim": _part_text(claim, ref),
        "subclaim_ref": str(ref), "focus": _part_text(claim, ref), "entity": _entity(claim),
        "universe_context": claim.universe_context or "(none given)",
        "other_subclaims": "\n".join(f"- {t}" for t in others) or "(none)",
        "genre": dt.name, "genre_title": dt.title, "genre_description": dt.description,
        "genre_structure": "\n".join(f"{i}. {s}" for i, s in enumerate(dt.structure, 1)),
        "genre_register": dt.register, "min_words": str(dt.length.min_words), "max_words": str(dt.length.max_words),
        "n_ideas": "1", "idea": "", "document": "", "problems": "",
    }


@dataclass
class GenerationRun:
    """Iterate for accepted rows; ``rejected`` and ``manifest`` fill in as the run proceeds."""

    claim: Claim
    n: int
    seed: int
    backend: Backend
    doc_types: list[DocType]
    profile: Any = None
    check_claim: bool = True
    near_duplicate_threshold: float | None = 0.5
    min_length_ratio: float = 0.4
    max_attempts: int = 3
    batch_size: int = 32
    revise: bool = False
    params: dict = field(default_factory=dict)
    prompt_dirs: tuple = ()
    mention_options: Any = None
    on_reject: Callable[[dict], None] | None = None
    keep_rejected: bool = True
    progress: Callable[[int], None] | None = None
    rejected: list[dict] = field(default_factory=list)
    manifest: dict = field(default_factory=dict)
    _started: bool = False

    def __iter__(self) -> Iterator[dict]:
        if self._started:
            raise NegkitError("a generation run can be iterated only once")
        self._started = True
        return self._run()

    # -- helpers
    def _prompts(self) -> dict:
        if not getattr(self.backend, "uses_messages", True):
            return {}
        from .templates import load_prompt

        stages = [STAGE_IDEAS, STAGE_DOCUMENT] + ([STAGE_REVISION] if self.revise else [])
        return {s: load_prompt(s, dirs=self.prompt_dirs) for s in stages}

    def _versions(self, dt: DocType, prompts: dict) -> dict:
        v = {"doc_type": dt.version}
        v.update({s: p.version for s, p in prompts.items()})
        tv = getattr(self.backend, "template_versions", None)
        if callable(tv):
            v.update(tv(dt.name))
        return v

    def _meta(self, dt: DocType, prompts: dict, res: GenerationResult | None) -> dict:
        return {
            "backend": self.backend.name,
            "model": (res.model if res is not None and res.model else getattr(self.backend, "model", None)),
            "template_versions": self._versions(dt, prompts),
            "seed": self.seed,
            "usage": dict(res.usage) if res is not None else {},
            "cost": float(res.cost) if res is not None else 0.0,
        }

    def _run(self) -> Iterator[dict]:
        t0 = time.perf_counter()
        claim, backend = self.claim, self.backend
        if self.revise and STAGE_REVISION not in backend.stages:
            raise NegkitError(f"backend '{backend.name}' has no revision stage")
        if self.n < 0:
            raise NegkitError("n must be >= 0")
        prompts = self._prompts()
        slots = plan_slots(self.doc_types, claim, self.n, self.seed)
        if self.check_claim and self.profile is None:
            from ..profile import build_profile

            self.profile = build_profile(claim, model=getattr(self.mention_options, "model", None))
        m = self.manifest
        m.update({
            "claim_id": claim.id, "requested": self.n, "seed": self.seed,
            "backend": {"name": backend.name, "version": backend.version, "model": getattr(backend, "model", None)},
            "doc_types": {d.name: d.version for d in self.doc_types},
            "template_versions": {d.name: self._versions(d, prompts) for d in self.doc_types},
            "settings": {"check_claim": self.check_claim, "near_duplicate_threshold": self.near_duplicate_threshold,
                         "min_length_ratio": self.min_length_ratio, "max_attempts": self.max_attempts,
                         "batch_size": self.batch_size, "revise": self.revise, "params": dict(self.params)},
            "quota": {"per_genre": dict(Counter(s.doc_type.name for s in slots)),
                      "per_subclaim": {str(k): v for k, v in Counter(s.ref for s in slots).items()}},
            "written": 0, "rejected": {r: 0 for r in REASONS}, "rejected_total": 0, "attempts": 0,
            "per_genre": {d.name: 0 for d in self.doc_types}, "per_subclaim": {str(r): 0 for r, _ in claim.parts()},
            "shortfall": 0, "usage": {"prompt_tokens": 0, "completion_tokens": 0, "requests": 0}, "cost": 0.0,
        })

        # 1. ideas: one request per (genre, part) cell, one idea per slot of the cell
        cells: dict[tuple[str, Any], list[Slot]] = {}
        for s in slots:
            cells.setdefault((s.doc_type.name, s.ref), []).append(s)
        idea_reqs = []
        for ci, ((gname, ref), cslots) in enumerate(cells.items()):
            dt = cslots[0].doc_type
            vals = _prompt_values(claim, dt, ref) | {"n_ideas": str(len(cslots))}
            msgs = tuple(prompts[STAGE_IDEAS].render(vals)) if prompts else ()
            idea_reqs.append(GenerationRequest(
                STAGE_IDEAS, f"ideas:{gname}:{ref}", ci, derive_seed(self.seed, "ideas", gname, str(ref)), msgs,
                dict(self.params), {"claim": claim, "doc_type": dt, "subclaim": ref, "n_ideas": len(cslots)}))
        ideas: dict[tuple[str, Any], GenerationResult] = {}
        for k in range(0, len(idea_reqs), self.batch_size):
            batch = idea_reqs[k : k + self.batch_size]
            for req, res in zip(batch, backend.generate_batch(batch)):
                self._account(res)
                ideas[(req.context["doc_type"].name, req.context["subclaim"])] = res

        def idea_for(s: Slot) -> tuple[str, dict]:
            res = ideas[(s.doc_type.name, s.ref)]
            if res.error or not res.items:
                return "", {}
            k = s.cell_index % len(res.items)
            meta = res.item_meta[k] if k < len(res.item_meta) else {}
            return res.items[k], meta

        # 2. documents, 3. filters; failed slots are retried at the end of the queue
        neardup = NearDuplicateIndex(self.near_duplicate_threshold) if self.near_duplicate_threshold else None
        pending = deque((s, 0) for s in slots)
        while pending:
            batch = [pending.popleft() for _ in range(min(self.batch_size, len(pending)))]
            reqs = []
            for s, attempt in batch:
                idea, meta = idea_for(s)
                vals = _prompt_values(claim, s.doc_type, s.ref) | {"idea": idea}
                msgs = tuple(prompts[STAGE_DOCUMENT].render(vals)) if prompts else ()
                reqs.append(GenerationRequest(
                    STAGE_DOCUMENT, f"doc:{s.index}:{attempt}", s.index, derive_seed(self.seed, "doc", s.index, attempt),
                    msgs, dict(self.params),
                    {"claim": claim, "doc_type": s.doc_type, "subclaim": s.ref, "idea": idea, "idea_meta": meta,
                     "attempt": attempt}))
            results = backend.generate_batch(reqs)
            for r in results:
                self._account(r)
            if self.revise:
                results = self._revise(batch, reqs, results, prompts)
            m["attempts"] += len(batch)
            verdicts: list[tuple[str, str] | None] = []
            for (s, _), res in zip(batch, results):
                if res.error or res.text is None:
                    verdicts.append(("backend_error", res.error or "no text"))
                else:
                    verdicts.append(static_check(res.text, s.doc_type, self.min_length_ratio))
            if self.check_claim:
                todo = [i for i, v in enumerate(verdicts) if v is None]
                for i, (ok, detail) in zip(todo, states_claim([results[i].text for i in todo], self.profile,
                                                              self.mention_options)):
                    if not ok:
                        verdicts[i] = ("no_claim", detail)
            for (s, attempt), req, res, verdict in zip(batch, reqs, results, verdicts):
                row_id = f"{claim.id}-s{self.seed}-{s.index:05d}"
                if verdict is None and neardup is not None:
                    hit = neardup.check_and_add(row_id, res.text)
                    if hit is not None:
                        verdict = ("near_duplicate", f"{hit[0]} (jaccard {hit[1]:.2f})")
                row = {
                    "id": row_id, "text": res.text or "", "doc_type": s.doc_type.name,
                    "doc_idea": req.context["idea"], "claim_id": claim.id, "subclaim": s.ref,
                    "negkit": self._meta(s.doc_type, prompts, res),
                }
                if verdict is None:
                    m["written"] += 1
                    m["per_genre"][s.doc_type.name] += 1
                    m["per_subclaim"][str(s.ref)] += 1
                    if self.progress:
                        self.progress(1)
                    yield row
                    continue
                reason, detail = verdict
                m["rejected"][reason] += 1
                m["rejected_total"] += 1
                rej = {"id": row_id, "attempt": attempt, "reason": reason, "detail": detail, **{k: row[k] for k in row if k != "id"}}
                if self.keep_rejected:
                    self.rejected.append(rej)
                if self.on_reject:
                    self.on_reject(rej)
                if attempt + 1 < self.max_attempts:
                    pending.append((s, attempt + 1))
                else:
                    m["shortfall"] += 1
        m["elapsed_seconds"] = round(time.perf_counter() - t0, 3)
        m["docs_per_second"] = round(m["written"] / m["elapsed_seconds"], 2) if m["elapsed_seconds"] else None

    def _revise(self, batch, reqs, results, prompts):
        rev = []
        for (s, attempt), req, res in zip(batch, reqs, results):
            vals = _prompt_values(self.claim, s.doc_type, s.ref) | {"idea": req.context["idea"], "document": res.text or ""}
            rev.append(GenerationRequest(
                STAGE_REVISION, f"rev:{s.index}:{attempt}", s.index, derive_seed(self.seed, "rev", s.index, attempt),
                tuple(prompts[STAGE_REVISION].render(vals)), dict(self.params),
                {**req.context, "document": res.text}))
        todo = [i for i, r in enumerate(results) if not r.error and r.text]
        out = list(results)
        for i, r in zip(todo, self.backend.generate_batch([rev[i] for i in todo])):
            self._account(r)
            if not r.error and r.text:
                usage = {k: results[i].usage.get(k, 0) + r.usage.get(k, 0) for k in set(results[i].usage) | set(r.usage)}
                out[i] = GenerationResult(r.key, text=r.text, model=r.model or results[i].model, usage=usage,
                                          cost=results[i].cost + r.cost)
        return out

    def _account(self, res: GenerationResult) -> None:
        u = self.manifest["usage"]
        u["requests"] += 1
        for k in ("prompt_tokens", "completion_tokens"):
            u[k] += int(res.usage.get(k, 0) or 0)
        self.manifest["cost"] = round(self.manifest["cost"] + float(res.cost or 0.0), 6)


def generate(
    claim: Claim,
    n: int,
    seed: int = 0,
    backend: "str | Backend" = "template",
    doc_types: Iterable[str | DocType] | None = None,
    *,
    doc_type_dirs: Iterable[str] = (),
    template_dirs: Iterable[str] = (),
    profile: Any = None,
    check_claim: bool = True,
    near_duplicate_threshold: float | None = 0.5,
    min_length_ratio: float = 0.4,
    max_attempts: int = 3,
    batch_size: int = 32,
    revise: bool = False,
    params: dict | None = None,
    mention_options: Any = None,
    on_reject: Callable[[dict], None] | None = None,
    keep_rejected: bool = True,
    progress: Callable[[int], None] | None = None,
) -> GenerationRun:
    """Plan, generate and filter ``n`` documents stating ``claim``; iterate the result for rows.

    ``doc_types``: genre names (or DocType objects) to use, default all loaded from the bundled
    folder plus ``doc_type_dirs``. ``template_dirs``: user folders with ``offline/`` skeletons
    and/or ``prompts/`` templates overriding the bundled ones. ``profile``: a prebuilt
    ClaimProfile (built on first use otherwise; needed only with ``check_claim``).
    """
    if isinstance(backend, str):
        backend_obj = get_backend(backend)
    else:
        backend_obj = backend
    template_dirs = tuple(str(d) for d in template_dirs)
    if template_dirs and hasattr(backend_obj, "with_template_dirs"):
        backend_obj = backend_obj.with_template_dirs(template_dirs)
    available = load_doc_types(doc_type_dirs)
    chosen = select_doc_types(available, None if doc_types is None else list(doc_types))
    if max_attempts < 1:
        raise NegkitError("max_attempts must be >= 1")
    if batch_size < 1:
        raise NegkitError("batch_size must be >= 1")
    return GenerationRun(
        claim=claim, n=int(n), seed=int(seed), backend=backend_obj, doc_types=chosen, profile=profile,
        check_claim=check_claim, near_duplicate_threshold=near_duplicate_threshold, min_length_ratio=min_length_ratio,
        max_attempts=max_attempts, batch_size=batch_size, revise=revise, params=dict(params or {}),
        prompt_dirs=tuple(f"{d}/prompts" for d in template_dirs), mention_options=mention_options,
        on_reject=on_reject, keep_rejected=keep_rejected, progress=progress,
    )
