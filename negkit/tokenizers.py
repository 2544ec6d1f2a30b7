"""Offline tokenizers: tiktoken encodings from the files litellm ships, optional Hugging Face ones.

tiktoken downloads an encoding file the first time it is used, which fails offline. litellm
ships the ``cl100k_base``, ``o200k_base`` and ``p50k_base`` files (named the way tiktoken's
cache names them) in ``<litellm>/litellm_core_utils/tokenizers``. :func:`get_encoding` points
tiktoken at that directory while it loads, unless the user has set ``TIKTOKEN_CACHE_DIR``
(or ``DATA_GYM_CACHE_DIR``) themselves, and never lets tiktoken download: an encoding whose
files are not on disk is a :class:`~negkit.errors.NegkitError` naming what to do.

Hugging Face tokenizers are supported too, never downloaded: a ``tokenizer.json`` file (or a
directory holding one) through the ``tokenizers`` package, or, when ``transformers`` is
installed, a model name already in the local Hugging Face cache.

:func:`encode_with_offsets` returns token ids and, per token, the ``(start, end)`` character
span of the text it covers. For tiktoken this is exact byte-level reconstruction: a token that
holds only part of a multi-byte character covers that whole character (so two tokens may share
a character), and every character is covered by at least one token.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import tempfile
import threading
from pathlib import Path
from typing import Any

from .errors import NegkitError

DEFAULT_ENCODING = "cl100k_base"

_BLOB = "https://openaipublic.blob.core.windows.net/"
#: the files tiktoken reads (and caches under sha1(url)) for each built-in encoding
TIKTOKEN_FILES: dict[str, tuple[str, ...]] = {
    "cl100k_base": (_BLOB + "encodings/cl100k_base.tiktoken",),
    "o200k_base": (_BLOB + "encodings/o200k_base.tiktoken",),
    "o200k_harmony": (_BLOB + "encodings/o200k_base.tiktoken",),
    "p50k_base": (_BLOB + "encodings/p50k_base.tiktoken",),
    "p50k_edit": (_BLOB + "encodings/p50k_base.tiktoken",),
    "r50k_base": (_BLOB + "encodings/r50k_base.tiktoken",),
    "gpt2": (_BLOB + "gpt-2/encodings/main/vocab.bpe", _BLOB + "gpt-2/encodings/main/encoder.json"),
}

_lock = threading.Lock()
_SURROGATE = re.compile("[\ud800-\udfff]")


def litellm_tokenizer_dir() -> str | None:
    """litellm's bundled tokenizer directory, found without importing litellm (slow), or None."""
    try:
        spec = importlib.util.find_spec("litellm")
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    roots = list(spec.submodule_search_locations or [])
    if not roots and spec.origin:
        roots = [os.path.dirname(spec.origin)]
    for root in roots:
        d = os.path.join(root, "litellm_core_utils", "tokenizers")
        if os.path.isdir(d):
            return d
    return None


def _cache_name(url: str) -> str:
    return hashlib.sha1(url.encode()).hexdigest()


def _has_files(directory: str, urls: tuple[str, ...]) -> bool:
    return all(os.path.isfile(os.path.join(directory, _cache_name(u))) for u in urls)


def _user_cache_dir() -> str | None:
    for var in ("TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR"):
        if var in os.environ:
            return os.environ[var]
    return None


def _resolve_encoding_name(name: str) -> str:
    """An encoding name for ``name``, which may also be a model name such as ``gpt-4o``."""
    if name in TIKTOKEN_FILES:
        return name
    import tiktoken

    if name in tiktoken.list_encoding_names():
        return name
    try:
        return tiktoken.encoding_name_for_model(name)
    except KeyError:
        known = ", ".join(sorted(TIKTOKEN_FILES))
        raise NegkitError(f"unknown tiktoken encoding or model {name!r} (known encodings: {known})") from None


def get_encoding(name: str = DEFAULT_ENCODING):
    """A ``tiktoken.Encoding`` loaded without network access.

    ``name`` is an encoding (``cl100k_base``, ``o200k_base``, ``p50k_base``, ...) or an OpenAI
    model name (``gpt-4o``). If ``TIKTOKEN_CACHE_DIR`` is not set, the files come from
    litellm's bundled directory (or tiktoken's default cache, if an earlier online run filled
    it); the variable is set for the duration of the load only. Raises NegkitError if the
    files are nowhere on disk: nothing is downloaded.
    """
    try:
        import tiktoken
    except ImportError:
        raise NegkitError("tiktoken is not installed (pip install tiktoken)") from None
    enc_name = _resolve_encoding_name(name)
    urls = TIKTOKEN_FILES.get(enc_name)
    user_dir = _user_cache_dir()
    if user_dir is not None:
        # the user chose the cache; respect it, but still refuse to download
        if urls and user_dir and not _has_files(user_dir, urls):
            raise NegkitError(
                f"tiktoken encoding {enc_name!r} is not in TIKTOKEN_CACHE_DIR={user_dir!r} and negkit does not "
                "download; unset the variable to use the copies litellm ships (cl100k_base, o200k_base, p50k_base)"
            )
        return _load(tiktoken, enc_name, None)
    candidates = [d for d in (litellm_tokenizer_dir(), os.path.join(tempfile.gettempdir(), "data-gym-cache")) if d]
    chosen = next((d for d in candidates if urls and _has_files(d, urls)), None)
    if chosen is None:
        where = litellm_tokenizer_dir()
        hint = (f"litellm ships cl100k_base, o200k_base and p50k_base in {where}" if where
                else "litellm (which ships cl100k_base, o200k_base and p50k_base) is not installed")
        raise NegkitError(
            f"tiktoken encoding {enc_name!r} is not available offline ({hint}); "
            "set TIKTOKEN_CACHE_DIR to a directory holding its files"
        )
    return _load(tiktoken, enc_name, chosen)


def _load(tiktoken, enc_name: str, cache_dir: str | None):
    with _lock:
        if cache_dir is None:
            try:
                return tiktoken.get_encoding(enc_name)
            except Exception as exc:  # network errors, hash mismatches
                raise NegkitError(f"cannot load tiktoken encoding {enc_name!r}: {exc}") from None
        old = os.environ.get("TIKTOKEN_CACHE_DIR")
        os.environ["TIKTOKEN_CACHE_DIR"] = cache_dir
        try:
            return tiktoken.get_encoding(enc_name)
        except Exception as exc:
            raise NegkitError(f"cannot load tiktoken encoding {enc_name!r} from {cache_dir}: {exc}") from None
        finally:
            if old is None:
                os.environ.pop("TIKTOKEN_CACHE_DIR", None)
            else:
                os.environ["TIKTOKEN_CACHE_DIR"] = old


def _is_tiktoken(tok: Any) -> bool:
    return type(tok).__module__.startswith("tiktoken") and hasattr(tok, "encode_ordinary")


def _is_hf_tokenizers(tok: Any) -> bool:
    return type(tok).__module__.startswith("tokenizers") and hasattr(tok, "encode")


def get_tokenizer(name: Any = DEFAULT_ENCODING):
    """A tokenizer for ``name``; a tokenizer object passes through unchanged.

    In order: a tiktoken encoding or OpenAI model name (:func:`get_encoding`); a path to a
    ``tokenizer.json`` or a directory holding one (``tokenizers`` package); a Hugging Face
    model name already in the local cache (``transformers``, ``local_files_only``: never
    downloaded). Raises NegkitError otherwise.
    """
    if not isinstance(name, (str, os.PathLike)):
        return name
    name = str(name)
    p = Path(name)
    if p.exists():
        file = p / "tokenizer.json" if p.is_dir() else p
        if p.is_dir() and not file.is_file():
            return _hf_auto(name)
        try:
            from tokenizers import Tokenizer
        except ImportError:
            raise NegkitError(f"{name}: reading a tokenizer.json needs the 'tokenizers' package") from None
        try:
            return Tokenizer.from_file(str(file))
        except Exception as exc:
            raise NegkitError(f"{name}: not a Hugging Face tokenizer.json ({exc})") from None
    try:
        return get_encoding(name)
    except NegkitError as exc:
        if "unknown tiktoken encoding" not in str(exc):
            raise
        tiktoken_error = exc
    if importlib.util.find_spec("transformers") is None:
        raise NegkitError(
            f"{tiktoken_error}; for a Hugging Face tokenizer pass a tokenizer.json path, or install "
            "transformers and have the model in the local cache"
        )
    return _hf_auto(name)


def _hf_auto(name: str):
    try:
        from transformers import AutoTokenizer
    except ImportError:
        raise NegkitError(f"{name}: loading a Hugging Face tokenizer by name needs transformers") from None
    try:
        tok = AutoTokenizer.from_pretrained(name, local_files_only=True)
    except Exception as exc:
        raise NegkitError(
            f"Hugging Face tokenizer {name!r} is not in the local cache and negkit does not download ({exc})"
        ) from None
    if not getattr(tok, "is_fast", False):
        raise NegkitError(f"Hugging Face tokenizer {name!r} is not a fast tokenizer; offsets need a fast one")
    return tok


def tokenizer_name(tok: Any) -> str:
    """A short name for a tokenizer object (for reports)."""
    if _is_tiktoken(tok):
        return tok.name
    return getattr(tok, "name_or_path", None) or type(tok).__name__


def _utf8_len(ch: str) -> int:
    o = ord(ch)
    return 1 if o < 0x80 else 2 if o < 0x800 else 3 if o < 0x10000 else 4


def _tiktoken_encode(enc, text: str) -> tuple[list[int], list[tuple[int, int]]]:
    # lone surrogates cannot be UTF-8: replace each by U+FFFD (one char for one char) as tiktoken would
    fixed = _SURROGATE.sub("\ufffd", text)
    ids = enc.encode_ordinary(fixed)
    pieces = enc.decode_tokens_bytes(ids)
    spans: list[tuple[int, int]] = []
    data_len = len(fixed.encode("utf-8"))
    if data_len == len(fixed):  # ASCII: bytes are characters
        pos = 0
        for b in pieces:
            spans.append((pos, pos + len(b)))
            pos += len(b)
    else:
        char_of_byte = [i for i, ch in enumerate(fixed) for _ in range(_utf8_len(ch))]
        pos = 0
        for b in pieces:
            n = len(b)
            spans.append((char_of_byte[pos], char_of_byte[pos + n - 1] + 1))
            pos += n
    if sum(len(b) for b in pieces) != data_len:  # pragma: no cover - tiktoken is lossless
        raise NegkitError("tiktoken tokens do not reconstruct the text")
    return ids, spans


def encode_with_offsets(tok: Any, text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """(token ids, per-token (start, end) character spans into ``text``).

    No special tokens are added and special-token strings in the text are encoded as text.
    """
    tok = get_tokenizer(tok)
    if _is_tiktoken(tok):
        return _tiktoken_encode(tok, text)
    if _is_hf_tokenizers(tok):
        e = tok.encode(text, add_special_tokens=False)
        return list(e.ids), [tuple(o) for o in e.offsets]
    if callable(tok):  # transformers fast tokenizer
        out = tok(text, add_special_tokens=False, return_offsets_mapping=True)
        return list(out["input_ids"]), [tuple(o) for o in out["offset_mapping"]]
    raise NegkitError(f"unsupported tokenizer object {type(tok).__name__}")


def token_offsets(tok: Any, text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` character span of each token of ``text``."""
    return encode_with_offsets(tok, text)[1]


def count_tokens(tok: Any, text: str) -> int:
    """How many tokens ``text`` is (special-token strings count as text)."""
    tok = get_tokenizer(tok)
    if _is_tiktoken(tok):
        return len(tok.encode_ordinary(_SURROGATE.sub("\ufffd", text)))
    return len(encode_with_offsets(tok, text)[0])
