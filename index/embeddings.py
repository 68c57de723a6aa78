"""Embedding backends behind llama-index's embedding interface; weights come from pip packages, not a hub."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from index.models import USE_THREADS, ModelMissingError, bundled_minilm_path, load_use_model

BATCH_SIZE = 64


class LocalEmbedding(BaseEmbedding):
    """A model that runs in this process: subclasses provide `load` and `_encode`."""

    def load(self) -> None:
        """Load the weights now (they otherwise load on first use)."""
        raise NotImplementedError

    def vectors(self, texts: list[str]) -> np.ndarray:
        """The texts' vectors as one float32 array (what indexing sends between processes and to Chroma)."""
        raise NotImplementedError

    def _encode(self, texts: list[str]) -> list[list[float]]:
        return self.vectors(texts).tolist()

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
    _threads: int = PrivateAttr(default=USE_THREADS)

    def __init__(self, model: Any = None, threads: int = USE_THREADS, **kwargs: Any) -> None:
        super().__init__(model_name="use-multilingual-v3", embed_batch_size=BATCH_SIZE, **kwargs)
        self._model = model  # already loaded, e.g. in a background thread
        self._threads = threads

    def load(self) -> None:
        """Load the weights now (they otherwise load on first use)."""
        if self._model is None:
            self._model = load_use_model(self._threads)

    def vectors(self, texts: list[str]) -> np.ndarray:
        """The texts' vectors as one float32 array (USE batches by tokens itself)."""
        self.load()
        return np.asarray(self._model.encode(texts), dtype=np.float32)


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
        self._path = self._path or bundled_minilm_path()
        if not Path(self._path).is_dir():
            raise ModelMissingError(
                f"ST_MODEL={self._path!r} is not a local sentence-transformers model folder"
            )
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(self._path, device="cpu", local_files_only=True)

    def vectors(self, texts: list[str]) -> np.ndarray:
        """The texts' vectors as one float32 array."""
        self.load()
        encoded = self._model.encode(texts, batch_size=BATCH_SIZE, normalize_embeddings=True)
        return np.asarray(encoded, dtype=np.float32)


def create_embedding(
    backend: str, st_model: str = "", use_model: Any = None, threads: int = USE_THREADS
) -> LocalEmbedding:
    """The embedding model named by the EMBED_BACKEND / ST_MODEL settings (`threads`: USE's BLAS threads)."""
    if backend == "use":
        return UseEmbedding(use_model, threads)
    if backend == "sentence-transformers":
        return SentenceTransformerEmbedding(st_model)
    raise ModelMissingError(f"EMBED_BACKEND={backend!r}: choose 'use' or 'sentence-transformers'")
