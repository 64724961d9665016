"""read_paths: dispatch by kind, folders, missing paths, and mixed good and bad input."""

from __future__ import annotations

import json
from pathlib import Path

from newsweave.ingest import read_paths
from newsweave.model import Article, RecordError


def test_mixed_folder_dispatch(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"id": "j1", "text": "Ein Artikel.", "lang": "deu"}) + "\n{oops\n",
        encoding="utf-8",
    )
    (tmp_path / "b.csv").write_text("id,text\nc1,Un article en français.\n", encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps([{"id": "js1", "title": "Tiêu đề"}]), "utf-8")
    (tmp_path / "d").write_text("Заголовок\n\nТекст без расширения.\n", encoding="utf-8")
    (tmp_path / "e.TEXT").write_text("Upper-case suffix, one line.", encoding="utf-8")
    (tmp_path / "f.docx").write_bytes(b"PK\x03\x04")  # unknown: skipped silently
    hidden = tmp_path / ".git"
    hidden.mkdir()
    (hidden / "x.txt").write_text("never read", encoding="utf-8")
    items = list(read_paths([tmp_path]))
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, RecordError)]
    assert [a.id for a in articles] == ["j1", "c1", "js1", "d", "e"]
    assert articles[0].lang == "de"
    assert articles[3].title == "Заголовок"
    assert len(errors) == 1 and errors[0].origin == f"{tmp_path / 'a.jsonl'}:2"
    assert errors[0].reason.startswith("invalid JSON: ")


def test_missing_and_unsupported_paths(tmp_path: Path) -> None:
    good = tmp_path / "ok.txt"
    good.write_text("Title line\n\nBody.\n", encoding="utf-8")
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF")
    items = list(read_paths([tmp_path / "nope.txt", str(pdf), good, "gopher://old.example/"]))
    assert items[0] == RecordError(str(tmp_path / "nope.txt"), "no such file or directory")
    assert isinstance(items[1], RecordError) and items[1].origin == str(pdf)
    assert items[1].reason.startswith("unsupported file type '.pdf'")
    assert isinstance(items[2], Article) and items[2].id == "ok"
    assert items[3] == RecordError(
        "gopher://old.example/", "unsupported URL scheme 'gopher' (only http and https)"
    )
