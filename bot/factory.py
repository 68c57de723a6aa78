"""Builds the indexer and the answerer from settings; nothing heavy is imported before it is needed."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from pathlib import Path

from bot.qa.pipeline import ReleaseAnswerer
from bot.settings import Settings
from index.catalog import Catalog, CatalogError
from index.ledger import Ledger
from index.paths import catalog_path, collection_name, ledger_path


class Preloader:
    """Loads the model's weights in a background thread while the caller imports Chroma and llama-index:
    the cold start of a passage question pays for the slower of the two, not their sum (3.1 s, not 3.4 s)."""

    def __init__(self, settings: Settings):
        import numpy  # noqa: F401  numpy's own import is not thread-safe: finish it before the thread starts

        self.settings = settings
        self._use_model = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._load, daemon=True)
        self._thread.start()

    def _load(self) -> None:
        try:
            if self.settings.embed_backend == "use":
                from index.models import load_use_model

                self._use_model = load_use_model()
        except BaseException as err:  # re-raised in the caller's thread by embedding()
            self._error = err

    def query_encoder(self):
        """What turns a question into a vector (waits for the background load)."""
        self._thread.join()
        if self._error:
            raise self._error
        if self._use_model is not None:
            from index.models import UseQueryEncoder

            return UseQueryEncoder(self._use_model)
        embedding = open_embedding(self.settings)
        embedding.load()
        return embedding


def collection(settings: Settings) -> str:
    """The collection (and catalog) of the configured embedding model."""
    return collection_name(settings.embed_backend, settings.st_model)


def open_store(settings: Settings):
    """The configured model's vector store, embedded or on a Chroma server."""
    from index.store import VectorStore, open_client

    client = open_client(settings.data_dir, settings.chroma_host, settings.chroma_port)
    return VectorStore(client, collection(settings))


def open_embedding(settings: Settings, use_model=None):
    """The configured embedding model (weights load on first use unless `use_model` is loaded already)."""
    from index.embeddings import create_embedding

    return create_embedding(settings.embed_backend, settings.st_model, use_model)


def build_indexer(settings: Settings, rebuild: bool = False):
    """An indexer that opens the model and Chroma only if some file needs them; see `drop_unreadable`."""
    from index.indexer import Indexer

    if rebuild:  # an unreadable catalog or ledger tells the user to rebuild, so rebuilding must not read it
        drop_unreadable(catalog_path(settings.data_dir, collection(settings)), ledger_path(settings.data_dir))
    return Indexer(
        settings.data_dir,
        collection(settings),
        lambda: open_embedding(settings),
        lambda: open_store(settings),
    )


def drop_unreadable(*paths: Path) -> None:
    """Delete the SQLite files among `paths` that exist but cannot be read as a database."""
    for path in paths:
        if not path.is_file():
            continue
        try:
            with closing(sqlite3.connect(path)) as db:
                db.execute("PRAGMA schema_version")
        except sqlite3.DatabaseError:
            path.unlink()


def build_answerer(settings: Settings) -> ReleaseAnswerer:
    """The answerer over the index in DATA_DIR; raises CatalogError when there is no usable index.

    Figure questions need only SQLite; the model and Chroma load when the first passage question comes
    (or in the background from `warm()`), the weights in a thread while Chroma is imported.
    """
    catalog = Catalog(catalog_path(settings.data_dir, collection(settings)), create=False)
    if not catalog.releases():
        raise CatalogError(f"the index in {settings.data_dir} is empty: run `python -m bot index`")

    def open_index():
        from index.retrieval import SearchIndex

        loader = Preloader(settings)
        return SearchIndex(catalog, open_store(settings), loader.query_encoder())

    return ReleaseAnswerer(catalog, Ledger(ledger_path(settings.data_dir)), open_index)
