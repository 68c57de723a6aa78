"""Builds the indexer and the answerer from settings; nothing heavy is imported before it is needed."""

from __future__ import annotations

import threading
from pathlib import Path

from bot.qa.pipeline import ReleaseAnswerer
from bot.settings import Settings
from index.catalog import CatalogError
from index.generations import VECTOR_COLLECTION, collection_name, index_home
from index.views import IndexView, LiveIndex


class Preloader:
    """Loads the model's weights in a background thread while the caller opens the index (its vectors, and
    the keyword indexes it builds); then turns questions into vectors itself."""

    def __init__(self, settings: Settings):
        import numpy  # noqa: F401  numpy's own import is not thread-safe: finish it before the thread starts

        self.settings = settings
        self._use_model = None
        self._encoder = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._load, daemon=True)
        self._thread.start()

    def _load(self) -> None:
        try:
            if self.settings.embed_backend == "use":
                from index.models import load_use_model

                self._use_model = load_use_model(cache_dir=self.settings.data_dir)
        except BaseException as err:  # re-raised in the caller's thread by embedding()
            self._error = err

    def query_encoder(self):
        """What turns a question into a vector (waits for the background load; loaded once)."""
        self._thread.join()
        if self._error:
            raise self._error
        if self._encoder is None:
            if self._use_model is not None:
                from index.models import UseQueryEncoder

                self._encoder = UseQueryEncoder(self._use_model)
            else:
                self._encoder = open_embedding(self.settings)
                self._encoder.load()
        return self._encoder

    def get_query_embedding(self, text: str) -> list[float]:
        """The vector of one question."""
        return self.query_encoder().get_query_embedding(text)


def collection(settings: Settings) -> str:
    """The collection (and catalog) of the configured embedding model."""
    return collection_name(settings.embed_backend, settings.st_model)


def home(settings: Settings) -> Path:
    """Where the configured model's index generations live."""
    return index_home(settings.data_dir, collection(settings))


def store_opener(settings: Settings):
    """Opens the vectors of a generation: in its own folder (embedded Chroma), or on the Chroma server."""
    from index.generations import chroma_path
    from index.store import VectorStore, open_client

    def open_store(generation: Path, name: str) -> VectorStore:
        client = open_client(chroma_path(generation), settings.chroma_host, settings.chroma_port)
        return VectorStore(client, name)

    return open_store


def open_embedding(settings: Settings, use_model=None, threads: int | None = None):
    """The configured embedding model (weights load on first use unless `use_model` is loaded already)."""
    from index.embeddings import create_embedding
    from index.models import USE_THREADS

    return create_embedding(settings.embed_backend, settings.st_model, use_model, threads or USE_THREADS)


def build_indexer(settings: Settings):
    """An indexer that loads the model only if some file needs embedding."""
    from index.indexer import Indexer
    from index.models import INDEX_THREADS
    from index.prepare import EmbeddingSpec

    return Indexer(
        home(settings),
        collection(settings),
        lambda: open_embedding(settings, threads=INDEX_THREADS),
        store_opener(settings),
        shared_store=bool(settings.chroma_host),
        embedding_spec=EmbeddingSpec(settings.embed_backend, settings.st_model, INDEX_THREADS),
    )


def open_live_index(settings: Settings, query_encoder=None) -> LiveIndex:
    """The published index, followed as the indexer publishes new generations; raises CatalogError when
    there is none. The question encoder (unless one is given) loads once, its weights in a thread while the
    vectors are opened, and serves every generation. The vectors come from the generation's snapshot, or from
    Chroma for a generation without one."""
    open_store = store_opener(settings)
    encoder: list = [query_encoder] if query_encoder is not None else []
    encoder_lock = threading.Lock()

    def open_search(view: IndexView):
        from index.retrieval import SearchIndex
        from index.snapshot import VectorSnapshot

        name = view.catalog.setting(VECTOR_COLLECTION) or collection(settings)
        with encoder_lock:
            loader = None if encoder else Preloader(settings)  # the weights load while the index opens
            vectors = VectorSnapshot.open(view.generation, view.catalog.ordered_chunk_ids())
            if vectors is None:  # a generation written before snapshots
                vectors = open_store(view.generation, name)
            search = SearchIndex(view.catalog, vectors, encoder[0] if encoder else loader)
            if loader is not None:
                loader.query_encoder()  # waits for the weights: a missing model fails here, not at a question
                encoder.append(loader)
        return search

    return LiveIndex(home(settings), open_search)


def build_answerer(settings: Settings, query_encoder=None) -> ReleaseAnswerer:
    """The answerer over the published index in DATA_DIR; raises CatalogError when there is no usable index.

    Figure questions need only SQLite; the model and the vectors load when the first passage question comes
    (or in the background from `warm()`).
    """
    live = open_live_index(settings, query_encoder)
    if not live.view().releases:
        raise CatalogError(f"the index in {settings.data_dir} is empty: run `python -m bot index`")
    return ReleaseAnswerer(live)
