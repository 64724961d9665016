"""``newsweave tune`` learns usable parameters from labelled dev folders.

The dev sets here are written by the test: invented happenings in real
places, each reported several times in four languages, so the tuned weaver
must link across languages to score well.
"""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

import pytest

from newsweave.evaluate.tune import tune
from newsweave.weave import SIGNALS, WeaveParams

HAPPENINGS = [
    {"en": "Flooding forces {n} families from their homes in {c}",
     "fr": "Des inondations chassent {n} familles de leurs maisons à {c}",
     "es": "Las inundaciones obligan a {n} familias a dejar sus casas en {c}",
     "de": "Überschwemmungen vertreiben {n} Familien in {c} aus ihren Häusern"},
    {"en": "Fire at a {c} warehouse injures {n} workers",
     "fr": "Un incendie dans un entrepôt de {c} blesse {n} ouvriers",
     "es": "Un incendio en un almacén de {c} deja {n} trabajadores heridos",
     "de": "Brand in Lagerhalle in {c}: {n} Arbeiter verletzt"},
    {"en": "{c} council approves a new tram line",
     "fr": "Le conseil de {c} approuve une nouvelle ligne de tramway",
     "es": "El ayuntamiento de {c} aprueba una nueva línea de tranvía",
     "de": "Stadtrat von {c} beschließt neue Straßenbahnlinie"},
]  # fmt: skip
CITIES = ["Lyon", "Porto", "Gdansk", "Mombasa", "Cebu", "Quito"]


def write_dev_set(folder: Path, seed: int) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    articles, gold = [], []
    for k, (city, happening) in enumerate(
        (c, h) for c in rng.sample(CITIES, 4) for h in rng.sample(HAPPENINGS, 2)
    ):
        n = rng.randint(12, 400)
        for j, lang in enumerate(rng.sample(sorted(happening), 3)):
            aid = f"{seed}-{k}-{j}"
            articles.append(
                {
                    "id": aid,
                    "title": happening[lang].format(c=city, n=n),
                    "text": "",
                    "lang": lang,
                    "published": f"2024-03-{1 + k:02d}T{8 + j:02d}:00:00Z",
                }
            )
            gold.append({"id": aid, "story": f"{city}-{HAPPENINGS.index(happening)}"})
    (folder / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles))
    (folder / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold))


def test_tune_writes_parameters_that_weave_the_dev_sets(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(
        "newsweave.evaluate.tune.default_cache_path", lambda: str(tmp_path / "cache.db")
    )
    for name, seed in (("alpha", 1), ("beta", 2)):
        write_dev_set(tmp_path / "dev" / name, seed)
    out = tmp_path / "params.json"
    lines: list[str] = []

    tune(tmp_path / "dev", out, sets=("alpha", "beta"), log=lines.append)

    params = WeaveParams.load(out)
    assert len(params.weights) == len(SIGNALS)
    assert all(math.isfinite(w) for w in params.weights)
    # the learned model must reward embedding similarity, the core signal
    assert params.weights[SIGNALS.index("emb_centroid")] > 0
    assert params.merge_threshold > params.event_threshold
    assert "sets: alpha, beta" in params.provenance
    scores = [float(x) for x in params.provenance.split("alpha ")[1].split(" (")[:1]]
    assert scores[0] >= 0.8, params.provenance
    assert any(line.startswith("event_threshold") for line in lines)
    assert any(line.startswith("merge_threshold") for line in lines)


def test_tune_names_a_dev_folder_it_cannot_read(tmp_path):
    (tmp_path / "dev" / "empty").mkdir(parents=True)
    with pytest.raises((FileNotFoundError, ValueError), match="empty"):
        tune(tmp_path / "dev", None, sets=("empty",), log=lambda m: None)
