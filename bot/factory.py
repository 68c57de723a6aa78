"""Builds the indexer and the answerer from settings; nothing heavy is imported before it is needed."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from bot.answer import ReleaseAnswerer
from bot.settings import Settings
from index.catalog import Catalog, CatalogError
from index.ledger import Ledger
from index.paths import catalog_path, ledger_path
from index.store import collection_name

@dataclass
class Preloader:
    """Loads the embedding model in a background thread while Chroma and llama-index are imported."""

    settings: Settings

    def __post_init__(self):
        self._embedding = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._load, daemon=True)
        self._thread.start()

    def _load(self) -> None:
        try:
            from index.embeddings import create_embedding

            embedding = create_embedding(self.settings.embed_backend, self.settings.st_model)
            embedding.load()
            self._embedding = embedding
        except BaseException as err:  # re-raised in the caller's thread by embedding()
            self._error = err

    def embedding(self):
        """The loaded embedding model (waits for the background load)."""
        self._thread.join()
        if self._error:
            raise self._error
        return self._embedding


def open_store(settings: Settings, model_name: str):
    """The vector store for one embedding model, embedded or on a Chroma server."""
    from index.store import VectorStore, open_client

    client = open_client(settings.data_dir, settings.chroma_host, settings.chroma_port)
    return VectorStore(client, model_name)


def model_name(settings: Settings) -> str:
    """The embedding model's name without loading it."""
    if settings.embed_backend == "use":
        return "use-multilingual-v3"
    from index.embeddings import create_embedding

    return create_embedding(settings.embed_backend, settings.st_model).model_name


def build_answerer(settings: Settings, preload: bool = True) -> ReleaseAnswerer:
    """The answerer over the index in DATA_DIR; raises CatalogError when there is no usable index."""
    name = model_name(settings)
    catalog = Catalog(catalog_path(settings.data_dir, collection_name(name)), create=False)
    releases = catalog.releases()
    if not releases:
        raise CatalogError(f"the index in {settings.data_dir} is empty: run `python -m bot index`")
    preloader = Preloader(settings) if preload else None

    def open_retriever():
        from index.retrieval import Retriever

        loader = preloader or Preloader(settings)
        store = open_store(settings, name)
        return Retriever(catalog, store, loader.embedding())

    return ReleaseAnswerer(releases, Ledger(ledger_path(settings.data_dir)), open_retriever)
