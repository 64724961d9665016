"""Plain-text articles: decoding, the title heuristic, size limit, and the shared seeds."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import SHARED
from newsweave.ingest import read_paths
from newsweave.ingest.text import (
    decode_text,
    format_size,
    looks_like_title,
    read_text_file,
    split_title,
)
from newsweave.model import Article, RecordError

SEEDS = SHARED / "seeds"

FRENCH = (
    "Le président a déclaré mercredi à l'Assemblée que l'économie était « en voie de "
    "redressement ».\nLes députés de l'opposition ont réagi très vivement à ces propos.\n"
)
SPANISH = (
    "El gobierno español anunció el miércoles una reforma del sistema de pensiones. "
    "La oposición criticó la decisión del ministro.\n"
)


def one(path: Path, **kwargs: object) -> Article | RecordError:
    items = list(read_text_file(path, **kwargs))  # type: ignore[arg-type]
    assert len(items) == 1
    return items[0]


def test_title_line(tmp_path: Path) -> None:
    path = tmp_path / "en-flood.txt"
    path.write_text(
        "Floods force thousands from homes in northern Italy\n\n"
        "Heavy rain caused rivers to burst their banks overnight.\nRescue teams were deployed.\n",
        encoding="utf-8",
    )
    article = one(path)
    assert isinstance(article, Article)
    assert article.id == "en-flood"
    assert article.title == "Floods force thousands from homes in northern Italy"
    assert article.text == (
        "Heavy rain caused rivers to burst their banks overnight.\nRescue teams were deployed.\n"
    )
    assert article.origin == str(path)
    assert (article.source, article.published, article.lang) == (None, None, None)


def test_no_title_line_keeps_whole_text(tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_text(FRENCH, encoding="utf-8")
    article = one(path)
    assert isinstance(article, Article)
    assert article.title == ""
    assert article.text == FRENCH


def test_single_line_file_has_no_title(tmp_path: Path) -> None:
    path = tmp_path / "vi.txt"
    path.write_text("Quân đội tiếp tục tiến vào khu vực phía đông thành phố", encoding="utf-8")
    article = one(path)
    assert isinstance(article, Article)
    assert (article.title, article.text) == ("", path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Floods force thousands from homes", True),
        ("Will the ceasefire hold?", True),
        ("¡Gol de último minuto!", True),
        ('"Nous ne céderons pas"', True),
        ("Президент подписал новый закон", True),
        ("联合国呼吁立即停火", True),
        ("This is a sentence that ends with a full stop.", False),
        ('He said: "we will stay."', False),
        ("A lead-in line:", False),
        ("Words, words,", False),
        ("Un titre qui finit en points de suspension…", False),
        ("联合国呼吁立即停火。", False),
        ("يواصل الجيش تقدمه،", False),
        ("2016-12-07 10:30", False),
        ("word " * 31, False),
        ("x" * 201, False),
    ],
)
def test_looks_like_title(line: str, expected: bool) -> None:
    assert looks_like_title(line) is expected


def test_split_title_skips_leading_blank_lines() -> None:
    assert split_title("\n\n  Headline here  \n\n\nBody line.\n") == (
        "Headline here",
        "Body line.\n",
    )
    assert split_title("") == ("", "")


def test_cp1252_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "es-cp1252.txt"
    path.write_bytes(SPANISH.encode("cp1252"))
    article = one(path)
    assert isinstance(article, Article)
    assert article.text == SPANISH


def test_latin1_french_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "fr-latin1.txt"
    path.write_bytes(FRENCH.replace("«", '"').replace("»", '"').encode("latin-1"))
    article = one(path)
    assert isinstance(article, Article)
    assert "président a déclaré" in article.text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_bom_files(tmp_path: Path, encoding: str) -> None:
    text = "Землетрясение в Турции\n\nСпасатели продолжают работу в пострадавших районах.\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "ru.txt"
    path.write_bytes(data)
    article = one(path)
    assert isinstance(article, Article)
    assert article.title == "Землетрясение в Турции"
    assert article.text == "Спасатели продолжают работу в пострадавших районах.\n"


def test_cp1251_russian(tmp_path: Path) -> None:
    text = "Президент России заявил в среду, что экономика страны восстанавливается.\n"
    assert decode_text(text.encode("cp1251")) == text


def test_binary_and_undecodable(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"binary file \(not text\)"):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ValueError, match="cannot decode bytes as text"):
        decode_text(bytes(range(128, 256)) * 20)
    with pytest.raises(ValueError, match=r"binary file \(not text\)"):
        decode_text(b"\x01\x02\x03\x04\x05 some \x06\x07\x08 text \x0e\x0f\x10\x11")


def test_undecodable_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(128, 256)) * 20)
    error = one(path)
    assert error == RecordError(str(path), "cannot decode bytes as text")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    assert one(path) == RecordError(str(path), "empty file (no text)")


def test_huge_file_refused_quickly(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: instant, no real 50 MB written
    good = tmp_path / "good.txt"
    good.write_text("Short headline\n\nSome body text.\n", encoding="utf-8")
    start = time.perf_counter()
    items = list(read_paths([tmp_path]))
    assert time.perf_counter() - start < 2
    assert items[0] == RecordError(str(big), "file too large: 52.4 MB (limit 20 MB)")
    assert isinstance(items[1], Article) and items[1].id == "good"
    assert len(items) == 2


def test_size_limit_is_a_parameter(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x" * 2_000, encoding="utf-8")
    error = one(path, max_bytes=1_000)
    assert isinstance(error, RecordError)
    assert error.reason == "file too large: 2 kB (limit 1 kB)"
    assert isinstance(one(path, max_bytes=3_000), Article)


def test_format_size() -> None:
    assert format_size(50 * 1024 * 1024) == "52.4 MB"
    assert format_size(20_000_000) == "20 MB"
    assert format_size(200_000_000) == "200 MB"
    assert format_size(1_500) == "1.5 kB"
    assert format_size(12) == "12 bytes"


def test_binary_file_in_folder_of_good_files(tmp_path: Path) -> None:
    (tmp_path / "a-en.txt").write_text("Markets rally\n\nStocks rose sharply.\n", encoding="utf-8")
    (tmp_path / "b-image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (tmp_path / "c-de.txt").write_text(
        "Bahnstreik legt Verkehr lahm\n\nMillionen Pendler sind betroffen.\n", encoding="utf-8"
    )
    (tmp_path / "d-notes.pdf").write_bytes(b"%PDF-1.4 ignored")  # unknown suffix: skipped
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nnot read\n", encoding="utf-8")
    sub = tmp_path / "zh"
    sub.mkdir()
    (sub / "e.txt").write_text("北京举行新闻发布会\n\n发言人回答了记者的提问。\n", encoding="utf-8")
    items = list(read_paths([tmp_path]))
    errors = [item for item in items if isinstance(item, RecordError)]
    assert errors == [RecordError(str(tmp_path / "b-image.txt"), "binary file (not text)")]
    articles = [item for item in items if isinstance(item, Article)]
    assert [a.id for a in articles] == ["a-en", "c-de", "e"]
    assert articles[2].title == "北京举行新闻发布会"


def test_source_line_names_the_outlet(tmp_path: Path) -> None:
    """A "Source: …" line near the top (plain or a Markdown link) is the outlet; the line
    stays in the text, and a "source" sentence further down is not a source line."""
    path = tmp_path / "wire.txt"
    path.write_text(
        "Dam opens its spillways after a week of rain\n\nSource: [River Desk](#)\n\n"
        "Engineers opened the gates at dawn.\n",
        encoding="utf-8",
    )
    article = one(path)
    assert isinstance(article, Article)
    assert article.source == "River Desk" and "Source: [River Desk](#)" in article.text
    later = tmp_path / "later.txt"
    later.write_text(
        "Council meets on the budget\n\nA.\nB.\nC.\nD.\nE.\nSource: the mayor's office.\n",
        encoding="utf-8",
    )
    assert one(later).source is None  # type: ignore[union-attr]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not present")
def test_shared_seeds() -> None:
    items = list(read_paths([SEEDS]))
    assert not [item for item in items if isinstance(item, RecordError)]
    by_id = {item.id: item for item in items if isinstance(item, Article)}
    assert len(items) == 5
    assert sorted(by_id) == [p.stem for p in sorted(SEEDS.glob("*.txt"))]
    vietnamese = by_id["000_b56e916fd7be6cda"]
    assert vietnamese.title == "" and vietnamese.text
    for seed_id in ("001_c712fa69b5b231da", "004_d3557ba70f148180"):
        first_line = next(
            line.strip()
            for line in (SEEDS / f"{seed_id}.txt").read_text(encoding="utf-8").splitlines()
            if line.strip()
        )
        assert by_id[seed_id].title == first_line
        assert by_id[seed_id].text.strip()
    assert by_id["004_d3557ba70f148180"].source == "FarsNews"  # its "Source:" line
