"""The Python API: one object that runs the whole pipeline over a store.

>>> from newsweave import Article, Weaver
>>> w = Weaver(db=":memory:")
>>> p = w.add(Article(id="1", title="Earthquake of magnitude 6 hits eastern Turkey"))
>>> p.new_event, p.event_id
(True, 'ev-1')
>>> w.add(Article(id="2", title="Séisme de magnitude 6 dans l'est de la Turquie")).event_id
'ev-1'
>>> [s.size for s in w.stories()]
[2]

ingest -> normalize -> detect language -> embed (:mod:`newsweave.prepare`,
run by an engine) -> weave (:mod:`newsweave.weave`) -> store
(:mod:`newsweave.store`); :mod:`newsweave.stories` reads the results back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from newsweave.encode import Encoder, get_encoder
from newsweave.engine import Engine, LocalEngine
from newsweave.enrich import Enricher, default_enrichers
from newsweave.model import Article, Event, Placement, PreparedArticle, RecordError, Story
from newsweave.store import SQLiteStore, default_db_path
from newsweave.stories import StoryReader
from newsweave.weave import OnlineWeaver, WeaveParams


@dataclass
class IngestReport:
    """What one ingest run did: counts, and every record that failed, with its reason."""

    added: int = 0
    duplicates: int = 0
    errors: list[RecordError] = field(default_factory=list)
    new_events: int = 0
    new_stories: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


class Weaver:
    """Weave articles into events and stories kept in a store.

    ``db`` is a path to the SQLite store (``$NEWSWEAVE_DB`` or ``./newsweave.db``
    by default; ``":memory:"`` for a throwaway one). ``encoder`` is an
    :class:`~newsweave.encode.Encoder` or its name; ``params`` the weaving
    parameters (the tuned ones shipped with newsweave by default);
    ``embedding_cache`` an optional separate SQLite file for embeddings, shared
    between stores (the evaluation uses one so repeated runs embed nothing twice).
    ``enrichers`` are the enrich-stage components run on every placed article
    (see :mod:`newsweave.enrich`; the registered defaults when ``None``).
    """

    def __init__(
        self,
        db: str | Path | None = None,
        encoder: Encoder | str | None = None,
        params: WeaveParams | None = None,
        engine: Engine | None = None,
        embedding_cache: str | Path | None = None,
        enrichers: list[Enricher] | None = None,
    ) -> None:
        self.store = SQLiteStore(db if db is not None else default_db_path())
        self.encoder = encoder if isinstance(encoder, Encoder) else get_encoder(encoder)
        self._check_encoder()
        self.params = params or WeaveParams.load()
        self.engine = engine or LocalEngine()
        self._cache_store = SQLiteStore(embedding_cache) if embedding_cache else self.store
        self.enrichers = default_enrichers() if enrichers is None else enrichers
        for enricher in self.enrichers:
            self.store.ensure_schema(enricher.schema)
            if hasattr(enricher, "bind"):  # components that encode get this Weaver's encoder
                enricher.bind(self.encoder, self.store)
        self._weaver: OnlineWeaver | None = None  # rebuilt from the store on first write
        self.reader = StoryReader(self.store)

    def _check_encoder(self) -> None:
        used = self.store.get_meta("encoder")
        if used is None:
            self.store.set_meta("encoder", self.encoder.name)
            self.store.db.commit()
        elif used != self.encoder.name:
            raise ValueError(
                f"{self.store.path} was woven with encoder {used!r}; "
                f"it cannot be extended with {self.encoder.name!r} (use a new --db)"
            )

    def close(self) -> None:
        self.engine.close()
        if self._cache_store is not self.store:
            self._cache_store.close()
        self.store.close()

    def __enter__(self) -> Weaver:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------- writing
    def add(self, article: Article) -> Placement:
        """Weave one article now; raises :class:`RecordError` if it cannot be used."""
        report = IngestReport()
        placements = self._add_batch([article], report)
        if report.errors:
            raise report.errors[0]
        return placements[0]

    def add_many(
        self,
        records: Iterable[Article | RecordError],
        batch_size: int = 32,
        on_progress: Callable[[int], None] | None = None,
        on_placement: Callable[[Placement], None] | None = None,
    ) -> IngestReport:
        """Weave a stream of articles in order; bad records are collected, not raised."""
        report = IngestReport()
        batch: list[Article] = []

        def flush() -> None:
            for placement in self._add_batch(batch, report):
                if on_placement:
                    on_placement(placement)
            if on_progress:
                on_progress(len(batch))
            batch.clear()

        for record in records:
            if isinstance(record, RecordError):
                report.errors.append(record)
                if on_progress:
                    on_progress(1)
                continue
            batch.append(record)
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
        return report

    def _add_batch(self, articles: list[Article], report: IngestReport) -> list[Placement]:
        fresh: list[Article] = []
        placements: list[Placement] = []
        repeated: list[Article] = []  # same id twice in this batch: resolved once stored
        seen_ids: set[str] = set()
        for a in articles:
            if a.id in seen_ids:
                repeated.append(a)
                continue
            dup = self.store.find_duplicate(a)
            if dup is not None:
                report.duplicates += 1
                placements.append(self._duplicate(a, dup))
            else:
                seen_ids.add(a.id)
                fresh.append(a)
        cache = (self._cache_store.cached_vectors, self._cache_store.cache_vectors)
        for item in self.engine.prepare(fresh, self.encoder, cache, self.params.lead_words):
            if isinstance(item, RecordError):
                report.errors.append(item)
                continue
            placements.append(self._weave_counted(item, report))
        for a in repeated:
            if self.store.placement_of(a.id) is not None:
                report.duplicates += 1
                placements.append(self._duplicate(a, a.id))
        return placements

    def add_prepared(
        self,
        items: Iterable[PreparedArticle | RecordError],
        on_progress: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Weave articles an engine already cleaned and embedded, in the order given.

        For batch engines (:mod:`newsweave.engine.ray`) that prepare outside
        this process; stored articles and copies are reported as with ``add_many``.
        """
        report = IngestReport()
        for item in items:
            if isinstance(item, RecordError):
                report.errors.append(item)
            else:
                self._weave_counted(item, report)
            if on_progress:
                on_progress(1)
        return report

    def _weave_counted(self, prepared: PreparedArticle, report: IngestReport) -> Placement:
        placement = self._weave(prepared)
        if placement.duplicate_of is not None:
            report.duplicates += 1
        else:
            report.added += 1
            report.new_events += placement.new_event
            report.new_stories += placement.new_story
        return placement

    def _duplicate(self, article: Article, stored_id: str) -> Placement:
        stored = self.store.placement_of(stored_id)
        assert stored is not None
        event = self.store.resolve(stored.event_id)
        story = self.store.resolve(stored.story_id)
        return Placement(article.id, event, story, False, False, duplicate_of=stored_id)

    def _weave(self, prepared: PreparedArticle) -> Placement:
        # the normalized text is known only now: catch copies of stored articles
        dup = self.store.find_duplicate(prepared.article)
        if dup is not None:
            return self._duplicate(prepared.article, dup)
        decision = self.weaver.decide(prepared)
        weave_time = self.weaver.index.time_of(prepared)
        placement = self.weaver.commit(prepared, decision)
        try:
            extra = [row for e in self.enrichers for row in e.rows(prepared, placement)]
            self.store.save_placement(prepared, decision.word_vec, weave_time, placement, extra)
        except BaseException:
            # the index already holds the article: rebuild it from the store
            self._rebuild()
            raise
        return placement

    @property
    def weaver(self) -> OnlineWeaver:
        """The online weaver, its index replayed from the store the first time it is needed.

        Reading (stories, show, the web page) never pays for the replay.
        """
        if self._weaver is None:
            # only the events still in the window are loaded (see OnlineWeaver.from_store)
            self._weaver = OnlineWeaver.from_store(self.store, self.encoder.dim, self.params)
        return self._weaver

    def _rebuild(self) -> None:
        self._weaver = None

    # ------------------------------------------------------------- reading
    def stories(
        self, lang: str | None = None, since: datetime | None = None, limit: int | None = None
    ) -> list[Story]:
        """Stories, largest and latest first (see :class:`~newsweave.stories.StoryReader`)."""
        return self.reader.stories(lang=lang, since=since, limit=limit)

    def story(self, story_id: str) -> Story:
        return self.reader.story(story_id)

    def event(self, event_id: str) -> Event:
        return self.reader.event(event_id)

    def placement(self, article_id: str) -> Placement | None:
        return self.store.placement_of(article_id)
