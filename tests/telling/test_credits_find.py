"""Credit lines: where a text says it came from."""

from __future__ import annotations

from newsweave.enrich.credits import credit_key, find_credits, source_label


def names(text: str) -> list[tuple[str, str]]:
    return [(c.name, c.role) for c in find_credits(text)]


def test_header_footer_and_dateline_credits():
    assert names("Source: [FarsNews](#)\n\nThe army...") == [("FarsNews", "origin")]
    assert names("WASHINGTON (Reuters) - The US said ...") == [("Reuters", "origin")]
    assert names("(AhlulBayt News Agency) - Local officials reopened ...") == [
        ("AhlulBayt News Agency", "origin")
    ]
    assert names("Text here.\nTheo Hoàng Nguyễn / FarsnewsAn ninh thủ đô") == [
        ("Farsnews", "origin"),
        ("An ninh thủ đô", "publisher?"),
    ]
    assert names("Le texte.\n(AFP)") == [("AFP", "origin")]


def test_citations_in_the_body_are_not_credits():
    assert names("D'après la radio Al-Nour citant l'agence SANA, le port a rouvert.") == []


def test_keys_and_labels():
    assert credit_key("FarsNews") == credit_key("Fars News Agency") == "fars"
    assert credit_key("路透社") == credit_key("Reuters") == "reuters"
    creds = find_credits("x\nTheo A / FarsnewsAn ninh thủ đô")
    assert source_label(None, creds, "id1") == "An ninh thủ đô (credits Farsnews)"
    assert source_label("CNA", creds, "id1") == "CNA"
    assert source_label(None, [], "id1") == "[id1]"
