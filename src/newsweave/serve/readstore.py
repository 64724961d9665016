"""Read-only connections to a store, for readers that run beside one writer.

The weaver (the only writer) keeps its own connection; every reader (web
requests, exports) gets a :class:`ReadOnlyStore` opened with SQLite's
``mode=ro``, so no code path of a reader can write to the store (temporary
tables, which some readers use, still work), and WAL lets it read a
consistent snapshot while the writer commits. A :class:`ReaderPool` hands a
few such connections to request threads.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsweave.store.sqlite import SQLiteStore


class ReadOnlyStore(SQLiteStore):
    """A :class:`SQLiteStore` whose connection cannot write.

    It reuses the store's reading methods (``resolve``, ``article_rows``,
    ``merges``, ``placement_of`` ...) unchanged; only the connection differs.
    The store file must exist (a reader never creates one).
    """

    def __init__(self, path: str | Path) -> None:  # noqa: D107 - see class docstring
        if str(path) == ":memory:":
            raise ValueError("a read-only store needs a file, not ':memory:'")
        file = Path(path).expanduser().resolve()
        if not file.is_file():
            raise FileNotFoundError(f"no store at {path}")
        self.path = str(file)
        self.db = sqlite3.connect(
            file.as_uri() + "?mode=ro",
            uri=True,
            timeout=30.0,
            check_same_thread=False,
            isolation_level=None,  # autocommit: snapshots are taken explicitly
        )
        self.db.row_factory = sqlite3.Row

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: every query inside sees the same committed state.

        Nested use joins the outer transaction. Code that ends the transaction
        early (an optional section provider, say) only shortens the snapshot.
        """
        if self.db.in_transaction:
            yield self.db
            return
        self.db.execute("BEGIN")
        try:
            yield self.db
        finally:
            if self.db.in_transaction:
                self.db.execute("COMMIT")


class ReaderPool:
    """A small pool of :class:`ReadOnlyStore` connections shared by request threads.

    A sqlite3 connection must not be used by two threads at once; the pool
    lends each one to a single thread at a time and opens at most ``size``.
    """

    def __init__(self, path: str | Path, size: int = 4) -> None:
        self.path = str(path)
        self.size = size
        self._free: queue.LifoQueue[ReadOnlyStore] = queue.LifoQueue()
        self._all: list[ReadOnlyStore] = []
        self._lock = threading.Lock()

    @contextmanager
    def reader(self) -> Iterator[ReadOnlyStore]:
        """Borrow a connection for the duration of the ``with`` block."""
        store = self._take()
        try:
            yield store
        finally:
            if store.db.in_transaction:  # an exception inside snapshot()
                store.db.execute("ROLLBACK")
            self._free.put(store)

    def _take(self) -> ReadOnlyStore:
        try:
            return self._free.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if len(self._all) < self.size:
                store = ReadOnlyStore(self.path)
                self._all.append(store)
                return store
        return self._free.get(timeout=60)

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                store.close()
            self._all.clear()
