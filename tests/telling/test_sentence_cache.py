"""The ``sentences`` component: sentence vectors encoded at ingest, none at query time.

A tiny deterministic encoder stands in for the bundled model (what is checked
is which texts get encoded and under which keys, not what they mean).
"""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, datetime

import numpy as np
import pytest
from click.testing import CliRunner

from newsweave import Article, Weaver
from newsweave.enrich import DEFAULT, enrichers_with, get_enricher
from newsweave.enrich.sentcache import SentenceCacheEnricher
from newsweave.enrich.sentvec import SentenceVectors
from newsweave.enrich.tell import PARTS, tell_articles
from newsweave.store import SQLiteStore
from newsweave.stories import StoryReader


class HashEncoder:
    """Bag of hashed words, unit length; counts the texts it is given."""

    name = "test/hash-384"
    dim = 384

    def __init__(self) -> None:
        self.calls: list[int] = []

    def encode(self, texts):
        self.calls.append(len(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in t.lower().split():
                out[i, int(hashlib.md5(w.encode()).hexdigest()[:8], 16) % self.dim] += 1.0
            out[i, 0] += 1e-3
        return out / np.linalg.norm(out, axis=1, keepdims=True)


class BrokenEncoder(HashEncoder):
    def encode(self, texts):
        raise RuntimeError("encoder crashed")


def _day(d: int) -> datetime:
    return datetime(2024, 3, d, 9, 0, tzinfo=UTC)


# invented: floods in the Ebro valley, told in six languages (one title-only); the share
# of the harvest lost (40 % -> 45 %) is a figure series
ARTICLES = [
    Article(
        id="ebro-en",
        lang="en",
        published=_day(4),
        source="Valley Post",
        title="Ebro floods force 12,000 people from their homes",
        text=(
            "Floods in the Ebro valley forced 12,000 people from their homes on Monday. "
            "Officials said about 40% of the rice harvest was lost. "
            "The regional government asked for 25 million euros in emergency aid from Madrid, "
            "saying that the damage to roads, bridges, irrigation channels and farm buildings "
            "across the lower valley was the worst recorded since the great flood of 1961 "
            "and that repairs would take at least two years to complete. "
            "Rescue teams used boats to reach villages cut off by the water."
        ),
    ),
    Article(
        id="ebro-fr",
        lang="fr",
        published=_day(4),
        source="Le Courrier",
        title="Inondations dans la vallée de l'Èbre : 12 000 évacués",
        text=(
            "Les inondations dans la vallée de l'Èbre ont chassé 12 000 personnes de leurs "
            "maisons lundi. Selon les autorités, environ 40 % de la récolte de riz est perdue. "
            "Les secours ont utilisé des bateaux pour atteindre les villages isolés."
        ),
    ),
    Article(
        id="ebro-es",
        lang="es",
        published=_day(5),
        source="Diario del Ebro",
        title="Las inundaciones del Ebro dejan 15.000 evacuados",
        text=(
            "Las inundaciones en el valle del Ebro han obligado a evacuar a 15.000 personas. "
            "Casi el 45 % de la cosecha de arroz se ha perdido, según la consejería. "
            "El gobierno regional pide 25 millones de euros de ayuda de emergencia."
        ),
    ),
    Article(
        id="ebro-de",
        lang="de",
        published=_day(5),
        source="Morgenblatt",
        title="Hochwasser am Ebro: 15.000 Menschen evakuiert",
        text=(
            "Das Hochwasser im Ebrotal hat 15.000 Menschen aus ihren Häusern vertrieben. "
            "Rund 45 Prozent der Reisernte sind nach Angaben der Behörden verloren. "
            "Rettungskräfte erreichten abgeschnittene Dörfer mit Booten."
        ),
    ),
    Article(
        id="ebro-vi",
        lang="vi",
        published=_day(6),
        source="Tin Nhanh",
        title="Lũ lụt ở thung lũng Ebro, 15.000 người phải sơ tán",
        text=(
            "Lũ lụt ở thung lũng sông Ebro đã buộc 15.000 người phải rời khỏi nhà. "
            "Khoảng 45% vụ lúa đã bị mất, theo chính quyền địa phương. "
            "Các đội cứu hộ dùng thuyền để tiếp cận những ngôi làng bị cô lập."
        ),
    ),
    Article(
        id="ebro-en-2",
        lang="en",
        published=_day(6),
        source="Wire Daily",
        title="Ebro flood losses grow as water recedes",
        text=(
            "Officials said about 45% of the rice harvest was lost. "
            "Farmers in the lower valley began to count the damage as the water receded."
        ),
    ),
    Article(
        id="ebro-ar",
        lang="ar",
        published=_day(6),
        source="الخبر",
        title="فيضانات وادي إيبرو تشرد 15 ألف شخص",
    ),
]


def _tell_all(store: SQLiteStore, encoder: HashEncoder) -> tuple[dict, SentenceVectors]:
    """Tell every stored article as one story (as tell-bench does); the report and vectors."""
    reader = StoryReader(store)
    event_ids = dict.fromkeys(r["event_id"] for r in store.article_rows())
    events = [(eid, reader.event(eid).articles) for eid in event_ids]
    vectors = SentenceVectors(encoder, store)
    report = tell_articles(events, "st-all", "story", vectors, "en", PARTS)
    return report.as_dict(), vectors


def _ingest(path, enrichers) -> None:
    with Weaver(db=path, encoder=HashEncoder(), enrichers=enrichers) as w:
        for a in ARTICLES:
            w.add(a)


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """Two stores of the same articles: plain, and ingested with ``sentences``."""
    base = tmp_path_factory.mktemp("sentcache")
    plain, ready = base / "plain.db", base / "ready.db"
    _ingest(plain, [])
    _ingest(ready, [get_enricher("sentences")])
    return plain, ready


def test_telling_a_tell_ready_store_encodes_nothing(stores):
    _, ready = stores
    store = SQLiteStore(ready)
    encoder = HashEncoder()
    report, vectors = _tell_all(store, encoder)
    store.close()
    assert vectors.encoded == 0 and encoder.calls == []
    # the story exercised every encoding path: provenance across languages, figure series
    assert report["summary"] and report["provenance"]["total_articles"] == len(ARTICLES)
    assert any({40.0, 45.0} <= {p["value"] for p in f["points"]} for f in report["figures"])


def test_results_equal_those_without_the_component(stores):
    plain, ready = stores
    told = {}
    for name, path in (("plain", plain), ("ready", ready)):
        store = SQLiteStore(path)
        told[name], vectors = _tell_all(store, HashEncoder())
        told[name + "_encoded"] = vectors.encoded
        store.close()
    assert told["plain_encoded"] > 0  # without the component, the query encodes
    assert told["plain"] == told["ready"]


def test_rows_are_those_the_query_would_have_cached(stores):
    """Same keys, same bytes: the query's own cache rows are a subset of the ingest's."""
    plain, ready = stores
    a, b = SQLiteStore(plain), SQLiteStore(ready)
    _tell_all(a, HashEncoder())  # the query caches what it encoded
    rows = {
        name: dict(s.db.execute("SELECT key, vector FROM embedding_cache").fetchall())
        for name, s in (("plain", a), ("ready", b))
    }
    a.close()
    b.close()
    assert len(rows["plain"]) > 3 * len(ARTICLES)  # sentences as well as title+lead vectors
    assert rows["plain"].items() <= rows["ready"].items()


def test_one_batch_per_article_and_copies_reuse_the_cache(tmp_path):
    enricher = SentenceCacheEnricher()
    with Weaver(db=tmp_path / "c.db", encoder=HashEncoder(), enrichers=[enricher]) as w:
        encoder = w.encoder
        w.add(ARTICLES[0])
        first = enricher.encoded
        calls = len(encoder.calls)
        copy = Article(
            id="ebro-en-copy",
            lang="en",
            published=_day(4),
            title="Floods in Spain's Ebro valley",
            text=ARTICLES[0].text,
        )
        w.add(copy)
    assert first >= 6
    # the copy's body is cached already: only its new title went to the encoder
    assert enricher.encoded - first == 1
    assert len(encoder.calls) - calls == 2  # its title+lead, then one batch of its texts


def test_an_article_whose_encoding_fails_still_goes_in(tmp_path, caplog):
    enricher = SentenceCacheEnricher()
    with Weaver(db=tmp_path / "f.db", encoder=HashEncoder(), enrichers=[enricher]) as w:
        enricher.bind(BrokenEncoder(), w.store)
        with caplog.at_level(logging.ERROR, logger="newsweave.enrich.sentcache"):
            placement = w.add(ARTICLES[1])
        assert w.placement(ARTICLES[1].id) is not None and placement.event_id
        report, vectors = _tell_all(w.store, HashEncoder())
    assert enricher.failed == 1 and "encoding failed" in caplog.text
    assert vectors.encoded > 0  # encoded at query time instead


def test_opt_in_only():
    assert "sentences" not in DEFAULT
    assert [e.name for e in enrichers_with(("sentences", "entities"))] == DEFAULT + ["sentences"]
    with pytest.raises(ValueError, match="unknown enricher"):
        enrichers_with(("nope",))


def test_cli_ingest_with_sentences(tmp_path, monkeypatch):
    import json

    from newsweave import pipeline
    from newsweave.cli import main

    monkeypatch.setattr(pipeline, "get_encoder", lambda spec=None: HashEncoder())
    src = tmp_path / "a.jsonl"
    src.write_text(
        "".join(json.dumps({"id": a.id, "title": a.title, "text": a.text}) + "\n" for a in ARTICLES)
    )
    db = tmp_path / "cli.db"
    run = CliRunner().invoke(
        main, ["ingest", str(src), "--db", str(db), "-q", "--with", "sentences"]
    )
    assert run.exit_code == 0, run.output
    store = SQLiteStore(db)
    n = store.db.execute("SELECT COUNT(*) FROM embedding_cache").fetchone()[0]
    store.close()
    assert n > 2 * len(ARTICLES)  # sentences, not only the articles' title+lead vectors
    bad = CliRunner().invoke(main, ["ingest", str(src), "--db", str(db), "--with", "nope"])
    assert bad.exit_code == 2 and "unknown enricher" in bad.output
