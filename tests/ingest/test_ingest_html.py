"""Saved HTML pages (trafilatura) and the stdlib HTML-to-text helper."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from newsweave.ingest import html_to_text, read_paths
from newsweave.ingest.html import article_from_html, read_html_file
from newsweave.model import Article, RecordError

PAGE = """<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8">
<title>Lluvias torrenciales en Valencia | Diario de Prueba</title>
<link rel="canonical" href="https://diario.example/2024/10/lluvias-valencia">
<meta property="og:site_name" content="Diario de Prueba">
<meta property="article:published_time" content="2024-10-30T08:15:00+01:00">
<script>var tracking = "no debe aparecer";</script>
</head><body>
<nav><a href="/">Inicio</a> | <a href="/deportes">Deportes</a></nav>
<article>
<h1>Lluvias torrenciales en Valencia</h1>
<p>Las lluvias torrenciales caídas durante la noche provocaron inundaciones en varios
municipios de la provincia de Valencia, según los servicios de emergencia.</p>
<p>Los bomberos rescataron a decenas de personas atrapadas en sus vehículos y las
autoridades pidieron a los vecinos que no salgan de casa.</p>
</article>
<footer>© 2024 Diario de Prueba. Todos los derechos reservados.</footer>
</body></html>
"""


def test_html_page(tmp_path: Path) -> None:
    path = tmp_path / "lluvias.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = read_html_file(path)
    assert isinstance(article, Article)
    assert article.id == "https://diario.example/2024/10/lluvias-valencia"
    assert article.url == article.id
    assert article.title == "Lluvias torrenciales en Valencia"
    assert "rescataron a decenas de personas" in article.text
    assert "tracking" not in article.text and "Deportes" not in article.text
    assert article.source == "Diario de Prueba"
    assert article.published == datetime(2024, 10, 30, 7, 15, tzinfo=UTC)
    assert article.origin == str(path)


def test_html_without_canonical_uses_stem_and_empty_page_is_error(tmp_path: Path) -> None:
    page = tmp_path / "nota.htm"
    page.write_text(
        "<html><head><title>Nota breve</title></head><body><div><p>El tren de las ocho "
        "llegó con una hora de retraso a la estación central.</p></div></body></html>",
        encoding="utf-8",
    )
    empty = tmp_path / "vacia.html"
    empty.write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert len(items) == 2
    article, error = items
    assert isinstance(article, Article)
    assert article.id == "nota" and article.url is None
    assert "una hora de retraso" in article.text
    assert error == RecordError(str(empty), "no extractable text in HTML page")


def test_article_from_html_with_fetch_url() -> None:
    data = b"<html><body><p>Un texto corto pero real sobre el tiempo de hoy.</p></body></html>"
    article = article_from_html(
        data,
        "https://news.example/a",
        fallback_id="https://news.example/a",
        url="https://news.example/a",
    )
    assert isinstance(article, Article)
    assert article.id == "https://news.example/a"
    assert article.source == "news.example"


def test_html_to_text() -> None:
    fragment = (
        "<p>Erste Zeile &amp; mehr</p><script>alert(1)</script>"
        "<ul><li>Punkt   eins</li><li>Punkt zwei</li></ul>Ende<br>neu"
    )
    assert html_to_text(fragment) == "Erste Zeile & mehr\nPunkt eins\nPunkt zwei\nEnde\nneu"
    assert html_to_text("plain &lt;text&gt;") == "plain <text>"
    assert html_to_text("<p>unclosed <b>bold") == "unclosed bold"
    assert html_to_text("") == ""


def test_fallback_extractor_without_trafilatura(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "trafilatura", None)  # import now fails
    path = tmp_path / "lluvias.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = read_html_file(path)
    assert isinstance(article, Article)
    assert article.id == "https://diario.example/2024/10/lluvias-valencia"
    assert article.title == "Lluvias torrenciales en Valencia | Diario de Prueba"
    assert "rescataron a decenas" in article.text
    assert "tracking" not in article.text and "Deportes" not in article.text
    assert article.source == "Diario de Prueba"
    assert article.published == datetime(2024, 10, 30, 7, 15, tzinfo=UTC)
