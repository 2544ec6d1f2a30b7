"""Rewrite a JSONL corpus: same rows, same order, the text rewritten, provenance attached."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .. import __version__
from ..claims import Claim, load_claim
from ..corpus import ReadStats, atomic_writer, dumps, iter_documents, set_text
from ..errors import NegkitError
from ..records import BadRecord, Document
from . import RewriteOptions, Transform, check_styles, rewrite_text

BATCH = 32


@dataclass
class RewriteReport:
    records: int = 0
    bad: list[BadRecord] = field(default_factory=list)
    changed: int = 0
    edits: int = 0
    asserted: int = 0
    unresolved: int = 0
    per_style: dict = field(default_factory=dict)


class ClaimResolver:
    """Find the claim of each row: --claim, negkit.toml, or a claims/<id>.yaml near the corpus."""

    def __init__(self, claim: Claim | None, corpus: str, search: Iterable[Path] = ()):
        self.fixed = claim
        base = Path(corpus).resolve().parent if corpus != "-" else Path.cwd()
        self.dirs = [base, base / "claims", Path.cwd() / "claims", *search]
        self.cache: dict[str, Claim] = {}

    def __call__(self, doc: Document) -> Claim:
        if self.fixed is not None:
            return self.fixed
        cid = doc.claim_id
        if not cid:
            raise NegkitError(f"{doc.path}:{doc.line}: the row names no claim (no 'claim_id'); pass --claim FILE "
                              "or set claim = \"...\" in negkit.toml")
        if cid not in self.cache:
            for d in self.dirs:
                for name in (f"{cid}.yaml", f"{cid}.yml"):
                    if (d / name).is_file():
                        self.cache[cid] = load_claim(d / name)
                        break
                if cid in self.cache:
                    break
            else:
                raise NegkitError(f"{doc.path}:{doc.line}: the row names claim '{cid}', but no {cid}.yaml was found in "
                                  f"{', '.join(str(d) for d in self.dirs[:3])}; pass --claim FILE")
        return self.cache[cid]


def derive_negation(claim: Claim, model: str | None = None) -> str:
    """The claim's hand-written negation, else its statement negated by negkit's negator."""
    if claim.negation:
        return claim.negation
    try:
        from ..negate import negate_sentences

        r = negate_sentences([claim.statement], model=model)[0]
        if r.status == "ok" and r.negated:
            return r.negated
    except ImportError:  # pragma: no cover
        pass
    s = claim.statement
    return f"It is not true that {s[:1].lower() + s[1:]}"


def rewrite_corpus(
    path: str,
    output: str | None,
    style_names: list[str],
    options: RewriteOptions,
    resolve: ClaimResolver,
    text_field: str | None = None,
    model: str | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    on_bad: Callable[[BadRecord], None] | None = None,
) -> RewriteReport:
    """Rewrite every readable row of ``path`` into ``output`` (atomically; never the input)."""
    from ..mentions import MentionOptions, find_mentions
    from ..profile import build_profile

    report = RewriteReport()
    profiles: dict[str, object] = {}
    negations: dict[str, str] = {}
    styles_for: dict[str, list[Transform]] = {}
    stats = ReadStats()

    def bad(b: BadRecord) -> None:
        report.bad.append(b)
        if on_bad:
            on_bad(b)

    def process(batch: list[tuple[Document, Claim]], out) -> None:
        by_claim: dict[str, list[int]] = {}
        for k, (_, c) in enumerate(batch):
            by_claim.setdefault(c.id, []).append(k)
        mentions: dict[int, list] = {}
        for cid, idx in by_claim.items():
            claim = batch[idx[0]][1]
            if cid not in profiles:
                profiles[cid] = build_profile(claim, model=model)
                negations[cid] = derive_negation(claim, model)
                styles_for[cid] = check_styles(style_names, claim)
            found = find_mentions([batch[k][0].text for k in idx], profiles[cid], MentionOptions(model=model))
            mentions.update(zip(idx, found))
        for k, (doc, claim) in enumerate(batch):
            styles = styles_for[claim.id]
            res = rewrite_text(doc.text, mentions[k], claim, styles, options, negations[claim.id], model)
            report.records += 1
            report.asserted += sum(m.polarity == "asserted" for m in mentions[k])
            report.edits += len(res.edits)
            report.unresolved += len(res.unresolved)
            report.changed += res.text != doc.text
            for e in res.edits:
                report.per_style[e.transform] = report.per_style.get(e.transform, 0) + 1
            if out is None:
                continue
            row = dict(doc.meta)
            row = set_text(row, doc.text_field, res.text)
            block = {
                "claim_id": claim.id,
                "styles": [{"name": s.name, "version": s.version,
                            "options": {o: getattr(options, o) for o in s.options}} for s in styles],
                "seed": options.seed,
                "text_field": doc.text_field,
                # "original" (the replaced text) lets viewers rebuild the input from the output alone
                "edits": [dict(e.to_dict(), original=doc.text[e.start : e.end]) for e in res.edits],
                "unresolved": [u.to_dict() for u in res.unresolved],
                "negkit_version": __version__,
            }
            if isinstance(doc.meta.get("negkit"), dict):
                block["previous"] = doc.meta["negkit"]
            row["negkit"] = block
            out.write(dumps(row) + "\n")
            if progress:
                progress(1)

    def run(out) -> None:
        batch: list[tuple[Document, Claim]] = []
        for doc in iter_documents(path, text_field, bad, stats):
            batch.append((doc, resolve(doc)))
            if len(batch) >= BATCH:
                process(batch, out)
                batch = []
        if batch:
            process(batch, out)

    if dry_run or output is None:
        run(None)
    else:
        with atomic_writer(output, inputs=[path]) as fh:
            run(fh)
    return report
