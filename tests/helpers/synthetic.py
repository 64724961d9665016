"""A generator of realistic short news items for tests that need volume.

Written for newsweave's tests: headline templates about invented happenings in
real places, in four languages, with dates. Deterministic for a given seed.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

CITIES = ["Lyon", "Porto", "Gdansk", "Mombasa", "Cebu", "Tromsø", "Valparaíso", "Da Nang",
          "Izmir", "Quito", "Tbilisi", "Windhoek"]  # fmt: skip
TEMPLATES = {
    "en": ["Flooding forces {n} families from their homes in {c}",
           "{c} council approves new tram line after {n}-vote debate",
           "Fire at {c} warehouse injures {n} workers"],
    "fr": ["Des inondations chassent {n} familles de leurs maisons à {c}",
           "Le conseil de {c} approuve une nouvelle ligne de tramway",
           "Un incendie dans un entrepôt de {c} blesse {n} ouvriers"],
    "es": ["Las inundaciones obligan a {n} familias a dejar sus casas en {c}",
           "El ayuntamiento de {c} aprueba una nueva línea de tranvía",
           "Un incendio en un almacén de {c} deja {n} trabajadores heridos"],
    "de": ["Überschwemmungen vertreiben {n} Familien in {c} aus ihren Häusern",
           "Stadtrat von {c} beschließt neue Straßenbahnlinie",
           "Brand in Lagerhalle in {c}: {n} Arbeiter verletzt"],
}  # fmt: skip


def write_articles(path: Path, count: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        lang = rng.choice(list(TEMPLATES))
        city = rng.choice(CITIES)
        template = rng.choice(TEMPLATES[lang])
        day = 1 + (i * 28) // count
        rows.append(
            {
                "id": f"syn-{i}",
                "title": template.format(c=city, n=rng.randint(3, 400)),
                "text": f"Report {i} filed by the {city} desk at {rng.randint(0, 23)}h.",
                "lang": lang,
                "published": f"2024-03-{day:02d}T{rng.randint(0, 23):02d}:00:00Z",
                "source": rng.choice(["wire-a", "daily-b", "radio-c"]),
            }
        )
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return rows
