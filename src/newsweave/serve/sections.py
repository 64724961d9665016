"""Optional sections of a story (entities, figures, summary, provenance ...).

The core gives a story's events, articles, languages and sources. Other parts
of newsweave add more: entities linked across scripts
(``newsweave.enrich.entities``) and the told story -- timeline, figures,
summary, provenance, coverage -- (``newsweave.enrich.tell``). The web server
and the exports show each section **when its module is importable and gives
data**, and leave it out otherwise; they never import those modules
unconditionally, so the server works without them.

How a provider is found, for a section ``S``:

1. a function registered with :func:`register` under ``S`` (tests, plug-ins);
2. ``entities``: :func:`newsweave.enrich.entities.story_entities`;
3. the told story's sections (summary, timeline, figures, provenance,
   coverage): one call of :func:`newsweave.enrich.tell.tell_story`, whose
   result has a field per section.

A provider is called with the arguments its signature names, chosen from:
``story`` (the :class:`~newsweave.model.Story`), ``story_id``, ``store`` (a
read-only :class:`~newsweave.store.SQLiteStore`), ``db``/``path`` (the store
file), ``conn``/``connection`` (its sqlite3 connection), ``articles`` (the
story's articles in time order) and ``lang`` (the reader's language, may be
``None``); a function that requires any other parameter is not a provider.
The result may be
anything JSON-like: dataclasses, objects with ``as_dict``/``to_dict``/
``model_dump``, mappings, lists, datetimes. A provider that raises is
reported in the story's ``notes`` and its section left out; the story still
answers.
"""

from __future__ import annotations

import dataclasses
import inspect
import logging
import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from newsweave.model import Story

log = logging.getLogger(__name__)

#: the sections a story may carry beyond the core's, in display order
SECTIONS: tuple[str, ...] = (
    "summary",
    "timeline",
    "figures",
    "entities",
    "provenance",
    "coverage",
)

#: the built-in providers: (module, function), imported lazily
ENTITIES_PROVIDER = ("newsweave.enrich.entities", "story_entities")
TELL_PROVIDER = ("newsweave.enrich.tell", "tell_story")

_REGISTERED: dict[str, Callable[..., Any]] = {}


def register(section: str, provider: Callable[..., Any]) -> None:
    """Use ``provider`` for ``section`` (first in line; see the module docstring)."""
    _REGISTERED[section] = provider
    _CACHE.clear()


def unregister(section: str) -> None:
    _REGISTERED.pop(section, None)
    _CACHE.clear()


# ------------------------------------------------------------------ discovery
def _module(name: str) -> Any | None:
    """Import ``name`` if it exists; None when it (or its parent) does not."""
    try:
        if find_spec(name) is None:
            return None
    except (ImportError, ValueError):
        return None
    try:
        return import_module(name)
    except Exception as exc:  # a half-built module must not break the server
        log.warning("cannot import %s: %s", name, exc)
        return None


def _provider(where: tuple[str, str]) -> Callable[..., Any] | None:
    """The function ``where`` names, if its module imports and it is a usable provider."""
    module = _module(where[0])
    fn = getattr(module, where[1], None) if module is not None else None
    return fn if callable(fn) and not inspect.isclass(fn) and usable(fn) else None


def _tell_story() -> Callable[..., Any] | None:
    return _provider(TELL_PROVIDER)


def _section_function(section: str) -> Callable[..., Any] | None:
    """The provider of one section alone (only entities have one; the rest are told)."""
    return _provider(ENTITIES_PROVIDER) if section == "entities" else None


def available() -> dict[str, str]:
    """Which sections have a provider here, and which (for ``/api/health``)."""
    out: dict[str, str] = {}
    tell = _tell_story()
    for section in SECTIONS:
        if section in _REGISTERED:
            out[section] = _qualname(_REGISTERED[section])
        elif (fn := _section_function(section)) is not None:
            out[section] = _qualname(fn)
        elif tell is not None and section != "entities":
            out[section] = _qualname(tell) + f"().{section}"
    return out


def _qualname(fn: Callable[..., Any]) -> str:
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', repr(fn))}"


# ------------------------------------------------------------------- calling
_ARGUMENTS = frozenset(
    {"story", "story_id", "cluster_id", "store", "db", "path", "conn", "connection",
     "articles", "lang", "reader_lang", "encoder"}
)  # fmt: skip


def call_provider(
    fn: Callable[..., Any],
    story: Story,
    store: Any,
    lang: str | None,
    encoder: Any = None,
) -> Any:
    """Call ``fn`` with the arguments its signature names (see module docstring).

    Raises :class:`Unsupported` when ``fn`` requires a parameter not in that list.
    """
    values: dict[str, Any] = {
        "story": story,
        "story_id": story.id,
        "cluster_id": story.id,
        "store": store,
        "db": getattr(store, "path", None),
        "path": getattr(store, "path", None),
        "conn": getattr(store, "db", None),
        "connection": getattr(store, "db", None),
        "articles": story.articles,
        "lang": lang,
        "reader_lang": lang,
    }
    if encoder is not None:
        values["encoder"] = encoder
    try:
        params = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return fn(story)
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for p in params:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        if p.name in values:
            if p.kind == p.POSITIONAL_ONLY:
                args.append(values[p.name])
            else:
                kwargs[p.name] = values[p.name]
        elif p.default is p.empty:
            raise Unsupported(f"cannot supply parameter {p.name!r} of {_qualname(fn)}")
    return fn(*args, **kwargs)


class Unsupported(TypeError):
    """A provider whose signature asks for something the server cannot give."""


def usable(fn: Callable[..., Any] | None) -> bool:
    """True when :func:`call_provider` can supply every required parameter of ``fn``."""
    if fn is None:
        return False
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return True
    return all(
        p.name in _ARGUMENTS
        or p.default is not p.empty
        or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        for p in params
    )


def to_jsonable(value: Any, depth: int = 0) -> Any:
    """Turn a provider's result into plain JSON values (dicts, lists, str, numbers)."""
    if depth > 12:
        return str(value)
    if value is None or isinstance(value, bool | str | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return to_jsonable(value.value, depth + 1)
    for method in ("as_dict", "to_dict", "model_dump", "_asdict"):
        fn = getattr(value, method, None)
        if callable(fn) and not isinstance(value, type):
            try:
                return to_jsonable(fn(), depth + 1)
            except TypeError:
                pass
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_jsonable(getattr(value, f.name), depth + 1)
            for f in dataclasses.fields(value)
        }
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v, depth + 1) for k, v in value.items()}
    if isinstance(value, bytes | bytearray):
        return None
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        return to_jsonable(value.tolist(), depth + 1)
    if isinstance(value, Iterable):
        return [to_jsonable(v, depth + 1) for v in value]
    return str(value)


def _field(obj: Any, name: str) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name)
    return getattr(obj, name, None)


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | dict | tuple) and len(value) == 0)


_CACHE: OrderedDict[tuple, tuple[dict[str, Any], dict[str, str]]] = OrderedDict()
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 64


def cached(story_id: str, lang: str | None, key: Any) -> tuple[dict, dict] | None:
    """The result of an earlier :func:`story_sections` call for this story state, if any."""
    with _CACHE_LOCK:
        found = _CACHE.get((story_id, lang, key, None))
        if found is not None:
            _CACHE.move_to_end((story_id, lang, key, None))
        return found


def story_sections(
    story: Story,
    store: Any,
    lang: str | None = None,
    key: Any = None,
    only: tuple[str, ...] | None = None,
    encoder: Any = None,
) -> tuple[dict[str, Any], dict[str, str]]:
    """The optional sections that have a provider and give data, and notes on the rest.

    Returns ``(sections, notes)``: ``sections`` maps a name from :data:`SECTIONS`
    to its JSON value; ``notes`` maps a section whose provider failed to why.
    ``key`` identifies this state of the story (e.g. its size and latest seq) so
    that repeated reads of an unchanged story reuse the result. ``only`` limits
    the sections computed (``("entities",)`` for a map); ``encoder`` is passed
    to providers that ask for one (so they reuse the loaded model).

    Providers may be slow (a told story embeds every sentence) and may write
    their own caches into the store, so a server calls this off the request
    path with a writable connection (see :mod:`newsweave.serve.app`).
    """
    cache_key = (story.id, lang, key, only) if key is not None else None
    if cache_key is not None:
        with _CACHE_LOCK:
            if cache_key in _CACHE:
                _CACHE.move_to_end(cache_key)
                return _CACHE[cache_key]
    sections: dict[str, Any] = {}
    notes: dict[str, str] = {}
    told: Any = None
    tell = None
    for section in SECTIONS:
        if only is not None and section not in only:
            continue
        fn = _REGISTERED.get(section) or _section_function(section)
        value: Any = None
        try:
            if fn is not None:
                value = call_provider(fn, story, store, lang, encoder)
            elif section != "entities":
                if tell is None:
                    tell = _tell_story() or False
                if tell and told is None:
                    told = call_provider(tell, story, store, lang, encoder)
                if told is not None:
                    value = _field(told, section)
        except Exception as exc:  # one failing provider must not fail the story
            log.warning("section %s of %s failed: %s", section, story.id, exc)
            notes[section] = f"{type(exc).__name__}: {exc}"
            if fn is None:  # tell_story itself failed: don't call it again
                told = {}
            continue
        if not _empty(value):
            sections[section] = to_jsonable(value)
    result = (sections, notes)
    if cache_key is not None:
        with _CACHE_LOCK:
            _CACHE[cache_key] = result
            while len(_CACHE) > _CACHE_SIZE:
                _CACHE.popitem(last=False)
    return result


# -------------------------------------------------------------------- places
_LAT = ("lat", "latitude")
_LON = ("lon", "lng", "long", "longitude")
_NAME = ("name", "canonical", "display_name", "canonical_name", "label", "title", "text")
_EXTRA = ("id", "type", "kind", "variants", "languages", "mentions", "articles", "count",
          "stories", "gazetteer", "geonameid", "country")  # fmt: skip


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        try:
            out = float(value)
        except ValueError:
            return None
        return out if math.isfinite(out) else None
    return None


def _coordinates(item: Mapping[str, Any]) -> tuple[float, float] | None:
    """(lon, lat) from the usual spellings: lat/lon keys, GeoJSON, nested objects."""
    lat = next((_number(item[k]) for k in _LAT if k in item), None)
    lon = next((_number(item[k]) for k in _LON if k in item), None)
    if lat is None or lon is None:
        for key in ("coordinates", "coords", "location", "geo", "point", "position", "latlon"):
            value = item.get(key)
            geojson = key in ("coordinates", "point")
            if isinstance(value, Mapping):
                if value.get("type") == "Point" and "coordinates" in value:
                    value, geojson = value["coordinates"], True
                else:
                    found = _coordinates(value)
                    if found is not None:
                        return found
                    continue
            if isinstance(value, list | tuple) and len(value) >= 2:
                a, b = _number(value[0]), _number(value[1])
                if a is None or b is None:
                    continue
                # GeoJSON order (lon, lat) for "coordinates"/"point"; (lat, lon) otherwise
                lon, lat = (a, b) if geojson else (b, a)
                break
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lon, lat


def places(entities: Any, limit: int = 2000) -> list[dict[str, Any]]:
    """GeoJSON point features for every entity that carries coordinates.

    ``entities`` is the JSON value of an ``entities`` section in any of the
    shapes a provider may give (a list of entities, or a mapping of lists by
    type); entities without coordinates are skipped.
    """
    features: list[dict[str, Any]] = []
    seen: set[tuple[str, float, float]] = set()

    def visit(node: Any, depth: int) -> None:
        if depth > 5 or len(features) >= limit:
            return
        if isinstance(node, Mapping):
            where = _coordinates(node)
            name = next((node[k] for k in _NAME if isinstance(node.get(k), str)), None)
            if where is not None and name:
                key = (name, round(where[0], 4), round(where[1], 4))
                if key not in seen:
                    seen.add(key)
                    props = {"name": name}
                    props.update({k: node[k] for k in _EXTRA if k in node})
                    features.append(
                        {
                            "type": "Feature",
                            "geometry": {"type": "Point", "coordinates": [where[0], where[1]]},
                            "properties": props,
                        }
                    )
                return
            for value in node.values():
                if isinstance(value, Mapping | list):
                    visit(value, depth + 1)
        elif isinstance(node, list):
            for value in node:
                visit(value, depth + 1)

    visit(entities, 0)
    return features


def feature_collection(
    features: list[dict[str, Any]], have_entities: bool, label: str = ""
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection, with a ``note`` saying why it is empty when it is."""
    out: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if label:
        out["name"] = label
    if not features:
        out["note"] = (
            "no place in these articles has coordinates"
            if have_entities
            else "no place coordinates: the entities module (newsweave.enrich.entities) "
            "is not installed or gave no entities for these articles"
        )
    return out
