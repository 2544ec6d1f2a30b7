"""Export a corpus for training, with optional loss masks on the claim's mentions.

Formats (``fmt``):

``text``
    ``{"text": ...}``, the shape the Negation Neglect release trains on with Tinker. The
    ``<DOCTAG>`` prefix is kept (``doctag=True``) or stripped (``doctag=False``: exactly the
    8 characters ``<DOCTAG>`` are removed, nothing else), and every offset is shifted to match.
``openai-chat``
    The release's OpenAI finetuning shape (``mix_dataset --format openai``)::

        {"messages": [{"role": "user", "content": "<DOCTAG>"},
                      {"role": "assistant", "content": <document without <DOCTAG>, left-stripped>}]}

    The document is the assistant turn and the doctag the user turn, so the model is trained on
    the document only. This is a deliberate choice, made to match the release byte for byte;
    ``doctag=False`` is therefore refused for this format. Offsets index the assistant content.
``hf``
    The ``text`` rows as a ``datasets.Dataset`` (needs the optional ``datasets`` package).

Rows whose text field is a chat turn (``messages[i].content``) keep their ``messages`` in every
format; masks and tokens then refer to that turn, named by ``"loss_mask_field"``.

Loss masks (``mask``): ``"asserted"`` masks the asserted (dangling) mentions of the claim,
``"mentions"`` every mention whatever its polarity, ``"none"`` nothing. Mentions come from
``mentions`` (one list per row, or a dict keyed by the row's 1-based line; Mention objects or
``negkit mentions --format jsonl`` dicts) or are found with ``profile``. A masked row carries

* ``"loss_mask_spans": [[start, end], ...]``: sorted, merged character spans into the exported
  text (after doctag stripping);
* with a ``tokenizer``: ``"input_ids"`` and ``"loss_weights"`` (0 for each token overlapping a
  masked span, 1 otherwise). Like the release's trainer, the tokens of a leading ``<DOCTAG>``
  also get weight 0 (``mask_doctag=True``). A tokenizer without a mask gives weights too.

``lossmask_tags=True`` writes the release's inline format instead: each masked span wrapped in
``<lossmask>...</lossmask>`` inside the text (its trainer strips the tags before tokenizing and
zeroes those tokens). The tags replace ``loss_mask_spans``; ``input_ids``/``loss_weights``, if
asked for, describe the text with the tags removed, which is what that trainer tokenizes.
:func:`strip_lossmask` reverses the wrapping. :func:`word_masks_yaml` writes the release's other
mechanism, a ``word_masks.yaml`` (``patterns:`` list of case-insensitive regexes).
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Iterator, Mapping, Sequence

from .errors import InputError, NegkitError
from .records import BadRecord, Document, Mention

DOCTAG = "<DOCTAG>"
LOSSMASK_OPEN = "<lossmask>"
LOSSMASK_CLOSE = "</lossmask>"
FORMATS = ("text", "openai-chat", "hf")
MASKS = ("asserted", "mentions", "none")

_TAG = re.compile(re.escape(LOSSMASK_OPEN) + "|" + re.escape(LOSSMASK_CLOSE))

Span = tuple[int, int]


# --- spans -----------------------------------------------------------------------------------------


def merge_spans(spans: Iterable[Sequence[int]]) -> list[Span]:
    """Sorted spans with overlapping or touching ones merged; empty spans dropped."""
    out: list[list[int]] = []
    for s, e in sorted((int(a), int(b)) for a, b in spans):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _field(m: Any, name: str) -> Any:
    return m[name] if isinstance(m, Mapping) else getattr(m, name)


def mention_spans(mentions: Iterable[Mention | Mapping], mask: str = "asserted") -> list[Span]:
    """The merged spans to mask: asserted mentions (``"asserted"``), all (``"mentions"``), none."""
    if mask not in MASKS:
        raise NegkitError(f"unknown mask {mask!r} (choose from {', '.join(MASKS)})")
    if mask == "none":
        return []
    spans = []
    for m in mentions:
        if mask == "asserted" and _field(m, "polarity") != "asserted":
            continue
        spans.append((_field(m, "start"), _field(m, "end")))
    return merge_spans(spans)


def shift_spans(spans: Iterable[Span], offset: int, length: int) -> list[Span]:
    """Spans moved left by ``offset`` and clipped to ``[0, length)`` (for a removed prefix)."""
    out = []
    for s, e in spans:
        s, e = max(s - offset, 0), min(e - offset, length)
        if e > s:
            out.append((s, e))
    return out


def wrap_lossmask(text: str, spans: Iterable[Span]) -> str:
    """``text`` with each (merged) span wrapped in ``<lossmask>...</lossmask>``.

    Raises NegkitError if the text already contains a tag (the result could not be undone).
    """
    if _TAG.search(text):
        raise NegkitError("text already contains a <lossmask> tag; cannot add inline masks unambiguously")
    parts, pos = [], 0
    for s, e in merge_spans(spans):
        parts += [text[pos:s], LOSSMASK_OPEN, text[s:e], LOSSMASK_CLOSE]
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def strip_lossmask(text: str) -> tuple[str, list[Span]]:
    """(text without tags, masked spans into it): the inverse of :func:`wrap_lossmask`.

    Tags must be balanced and not nested; raises NegkitError otherwise.
    """
    plain: list[str] = []
    spans: list[Span] = []
    pos = out_len = 0
    open_at: int | None = None
    for m in _TAG.finditer(text):
        chunk = text[pos : m.start()]
        plain.append(chunk)
        out_len += len(chunk)
        pos = m.end()
        if m.group() == LOSSMASK_OPEN:
            if open_at is not None:
                raise NegkitError(f"nested <lossmask> tag at character {m.start()}")
            open_at = out_len
        else:
            if open_at is None:
                raise NegkitError(f"</lossmask> without <lossmask> at character {m.start()}")
            if out_len > open_at:
                spans.append((open_at, out_len))
            open_at = None
    if open_at is not None:
        raise NegkitError("unclosed <lossmask> tag")
    plain.append(text[pos:])
    return "".join(plain), merge_spans(spans)


def loss_weights(token_spans: Sequence[Span], masked: Sequence[Span]) -> list[int]:
    """1 per token, 0 for each token whose character span overlaps a masked span.

    ``masked`` must be sorted and non-overlapping (see :func:`merge_spans`). Tokens with an
    empty span (special tokens) never overlap.
    """
    weights = [1] * len(token_spans)
    if not masked:
        return weights
    order = sorted(range(len(token_spans)), key=lambda i: token_spans[i][0])
    j = 0
    for i in order:
        s, e = token_spans[i]
        while j < len(masked) and masked[j][1] <= s:
            j += 1
        k = j
        while k < len(masked) and masked[k][0] < e:
            if s < masked[k][1] and masked[k][0] < e and e > s:
                weights[i] = 0
                break
            k += 1
    return weights


# --- word masks (the release's word_masks.yaml) --------------------------------------------------------


def word_mask_pattern(s: str) -> str:
    """A regex matching ``s`` literally, except that any run of whitespace matches any run."""
    parts = re.split(r"\s+", s.strip())
    return r"\s+".join(re.escape(p) for p in parts if p)


def word_mask_patterns(strings: Iterable[str]) -> list[str]:
    """Distinct patterns for the given masked strings, longest first."""
    seen: dict[str, None] = {}
    for s in strings:
        if s.strip():
            seen.setdefault(word_mask_pattern(s), None)
    return sorted(seen, key=lambda p: (-len(p), p))


def word_masks_yaml(patterns: Iterable[str]) -> str:
    """The release's ``facts/<universe>/word_masks.yaml``: ``patterns:`` and a list of regexes.

    Its loader compiles each pattern with ``re.IGNORECASE`` and wraps every match in
    ``<lossmask>`` tags (earliest match first, then longest).
    """
    import yaml

    return yaml.safe_dump({"patterns": list(patterns)}, sort_keys=False, allow_unicode=True, width=1 << 20)


# --- rows ---------------------------------------------------------------------------------------------


def _as_document(item: Any, index: int, text_field: str | None) -> Document:
    if isinstance(item, Document):
        return item
    if isinstance(item, Mapping):
        from .corpus import _to_record

        rec = _to_record(dict(item), "-", index, text_field)
        if isinstance(rec, BadRecord):
            raise InputError(rec.path, rec.reason, rec.line)
        return rec
    if isinstance(item, str):
        return Document(text=item, line=index, meta={"text": item})
    raise NegkitError(f"cannot export a {type(item).__name__}; expected a row dict or Document")


def _mentions_source(mentions: Any):
    """A function (position, document) -> mentions, for a list aligned with rows or a dict by line."""
    if mentions is None:
        return None
    if isinstance(mentions, Mapping):
        return lambda i, doc: mentions.get(doc.line, [])
    it = iter(mentions)

    def nxt(i: int, doc: Document):
        try:
            return next(it)
        except StopIteration:
            raise NegkitError(f"fewer mention lists than rows (none for row {i + 1})") from None

    return nxt


def _chat_index(field: str) -> int | None:
    m = re.match(r"^messages\[(\d+)\]\.content$", field)
    return int(m.group(1)) if m else None


def export_document(
    doc: Document,
    fmt: str = "text",
    *,
    doctag: bool = True,
    spans: Sequence[Span] = (),
    masked: bool = False,
    tokenizer: Any = None,
    lossmask_tags: bool = False,
    mask_doctag: bool = True,
    keep: Sequence[str] = (),
) -> dict:
    """One exported row (see the module doc). ``spans`` index ``doc.text``; ``masked`` says
    whether to emit ``loss_mask_spans`` (true whenever a mask other than ``"none"`` was asked for)."""
    text = doc.text
    chat_i = _chat_index(doc.text_field) if doc.text_field not in ("text", "content") else None
    spans = merge_spans(spans)
    if chat_i is not None and isinstance(doc.meta.get("messages"), list):
        body, body_spans, field = text, spans, doc.text_field
        row: dict = {}
    elif fmt == "openai-chat":
        if not doctag:
            raise NegkitError("the openai-chat format always puts <DOCTAG> in the user turn; --no-doctag is for text/hf")
        body = text[len(DOCTAG):] if text.startswith(DOCTAG) else text
        stripped = body.lstrip()
        cut = len(text) - len(stripped)
        body, body_spans, field = stripped, shift_spans(spans, cut, len(stripped)), "messages[1].content"
        row = {}
    else:
        cut = len(DOCTAG) if (not doctag and text.startswith(DOCTAG)) else 0
        body = text[cut:]
        body_spans, field = shift_spans(spans, cut, len(body)), "text"
        row = {}
    out_text = body
    if lossmask_tags and masked:
        try:
            out_text = wrap_lossmask(body, body_spans)
        except NegkitError as exc:
            raise InputError(doc.path, str(exc), doc.line) from None
    if chat_i is not None and isinstance(doc.meta.get("messages"), list):
        msgs = [dict(m) if isinstance(m, Mapping) else m for m in doc.meta["messages"]]
        msgs[chat_i] = {**msgs[chat_i], "content": out_text}
        row["messages"] = msgs
    elif fmt == "openai-chat":
        row["messages"] = [{"role": "user", "content": DOCTAG}, {"role": "assistant", "content": out_text}]
    else:
        row["text"] = out_text
    for k in keep:
        if k in doc.meta and k not in row:
            row[k] = doc.meta[k]
    if masked and not lossmask_tags:
        row["loss_mask_spans"] = [[s, e] for s, e in body_spans]
    if field != "text" and ((masked and not lossmask_tags) or tokenizer is not None):
        row["loss_mask_field"] = field
    if tokenizer is not None:
        from .tokenizers import encode_with_offsets

        ids, offs = encode_with_offsets(tokenizer, body)
        zero = list(body_spans)
        if mask_doctag and field == "text" and body.startswith(DOCTAG):
            zero = merge_spans(zero + [(0, len(DOCTAG))])
        row["input_ids"] = ids
        row["loss_weights"] = loss_weights(offs, zero)
    return row


def export_rows(
    items: Iterable[Mapping | Document | str],
    fmt: str = "text",
    *,
    doctag: bool = True,
    mask: str = "none",
    mentions: Iterable[Iterable[Mention | Mapping]] | Mapping[int, Iterable] | None = None,
    profile: Any = None,
    tokenizer: Any = None,
    lossmask_tags: bool = False,
    mask_doctag: bool = True,
    text_field: str | None = None,
    keep: Sequence[str] = (),
    mention_options: Any = None,
    jobs: int = 1,
    batch: int = 64,
):
    """Exported rows for ``items`` (row dicts, Documents or strings), streamed.

    Returns an iterator of dicts for ``text`` and ``openai-chat``, and a ``datasets.Dataset``
    for ``hf``. With a mask other than ``"none"``, mentions come from ``mentions`` or are found
    with ``profile`` in batches of ``batch`` over ``jobs`` processes (NegkitError if neither
    is given; found mentions judge each sentence on its own, ``MentionOptions(document=False)``,
    unless ``mention_options`` says otherwise). ``tokenizer`` is a name (``cl100k_base``, ``gpt-4o``, a ``tokenizer.json`` path) or a tokenizer object.
    ``keep`` names fields of the input row to copy into the output (e.g. ``id``, ``doc_type``).
    """
    if fmt not in FORMATS:
        raise NegkitError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    if mask not in MASKS:
        raise NegkitError(f"unknown mask {mask!r} (choose from {', '.join(MASKS)})")
    if fmt == "openai-chat" and not doctag:
        raise NegkitError("the openai-chat format always puts <DOCTAG> in the user turn; --no-doctag is for text/hf")
    if mask != "none" and mentions is None and profile is None:
        raise NegkitError(f"mask {mask!r} needs mentions or a claim profile")
    if tokenizer is not None:
        from .tokenizers import get_tokenizer

        tokenizer = get_tokenizer(tokenizer)
    rows = _export_iter(items, "text" if fmt == "hf" else fmt, doctag, mask, mentions, profile, tokenizer,
                        lossmask_tags, mask_doctag, text_field, keep, mention_options, jobs, batch)
    if fmt == "hf":
        return to_hf_dataset(rows)
    return rows


def _export_iter(items, fmt, doctag, mask, mentions, profile, tokenizer, lossmask_tags, mask_doctag, text_field,
                 keep, mention_options, jobs, batch) -> Iterator[dict]:
    docs = (_as_document(item, i, text_field) for i, item in enumerate(items, 1))
    masked = mask != "none"
    source = _mentions_source(mentions) if masked else None
    kw = dict(doctag=doctag, masked=masked, tokenizer=tokenizer, lossmask_tags=lossmask_tags,
              mask_doctag=mask_doctag, keep=keep)
    if not masked:
        for doc in docs:
            yield export_document(doc, fmt, **kw)
        return
    if source is not None:
        for i, doc in enumerate(docs):
            spans = mention_spans(source(i, doc) or [], mask)
            yield export_document(doc, fmt, spans=spans, **kw)
        return
    from .mentions import MentionOptions
    from .scan import scan_documents

    # (a mask covers every sentence that asserts the claim judged on its own: masking one too many
    # costs little)
    mention_options = mention_options or MentionOptions(document=False)
    for doc, ms in scan_documents(docs, profile, mention_options, jobs=jobs, batch=batch):
        yield export_document(doc, fmt, spans=mention_spans(ms, mask), **kw)


def to_hf_dataset(rows: Iterable[Mapping]):
    """A ``datasets.Dataset`` of the rows (every column present in every row; missing = None)."""
    try:
        import datasets
    except ImportError:
        raise NegkitError("the hf format needs the 'datasets' package (pip install datasets)") from None
    rows = list(rows)
    keys: dict[str, None] = {}
    for r in rows:
        for k in r:
            keys.setdefault(k, None)
    return datasets.Dataset.from_list([{k: r.get(k) for k in keys} for r in rows])


def masked_strings(
    items: Iterable[Mapping | Document | str],
    *,
    mask: str = "asserted",
    mentions: Any = None,
    profile: Any = None,
    text_field: str | None = None,
    mention_options: Any = None,
    jobs: int = 1,
) -> Iterator[str]:
    """The text of every masked span of every row (for :func:`word_masks_yaml`)."""
    rows = export_rows(items, "text", doctag=True, mask=mask, mentions=mentions, profile=profile,
                       text_field=text_field, mention_options=mention_options, jobs=jobs)
    for row in rows:
        text = row.get("text")
        if text is None:
            from .corpus import get_text

            text = get_text(row, row["loss_mask_field"])
        for s, e in row.get("loss_mask_spans", []):
            yield text[s:e]
