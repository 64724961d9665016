"""Tests for newsweave.normalize.text and normalize_article."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from newsweave.model import Article
from newsweave.normalize import (
    clean_text,
    clean_title,
    is_pretokenized,
    looks_segmented,
    normalize_article,
)

SEEDS = Path("/work/shared/seeds")
VI_MDS = Path("/work/shared/datasets/vietnamese_mds_ktlab/articles.jsonl")
UNDERSCORE_BETWEEN_LETTERS = re.compile(r"[^\W\d_]_[^\W\d_]")


def seed_text(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip("seed articles not available")
    files = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not files:
        pytest.skip(f"seed {prefix} not available")
    return files[0].read_text(encoding="utf-8")


# --------------------------------------------------------------------------- #
# Unicode, invisible characters, whitespace
# --------------------------------------------------------------------------- #
def test_nfc_composes_vietnamese() -> None:
    decomposed = unicodedata.normalize("NFD", "Quân đội Việt Nam")
    assert decomposed != "Quân đội Việt Nam"
    assert clean_text(decomposed) == "Quân đội Việt Nam"


def test_control_and_zero_width_removed_newlines_kept() -> None:
    s = "\ufeffBreaking\u200b news:\x07 the\u00ad vote\u200e passed.\nSecond\tline\x00."
    assert clean_text(s) == "Breaking news: the vote passed.\nSecond line."


def test_zwnj_between_letters_is_kept_stray_one_dropped() -> None:
    persian = "روز سه\u200cشنبه"
    assert clean_text(persian) == persian
    assert clean_text("word \u200c next") == "word next"


def test_whitespace_collapsed_paragraphs_kept() -> None:
    s = "  First   line\u00a0with  nbsp  \r\nsecond\u2003line\n\n\n\n  Next paragraph.  \n\n"
    assert clean_text(s) == "First line with nbsp\nsecond line\n\nNext paragraph."


def test_empty_and_blank() -> None:
    assert clean_text("") == ""
    assert clean_text(" \n\t \u200b ") == ""


def test_html_entities() -> None:
    assert clean_text("Tom &amp; Jerry") == "Tom & Jerry"
    assert clean_text("l&#8217;armée &eacute;tait l&agrave;") == "l’armée était là"
    assert clean_text("He said &amp;quot;no&amp;quot;") == 'He said "no"'
    # a bare ampersand parameter without ';' is not an entity
    assert clean_text("see page.php?a=1&para=2") == "see page.php?a=1&para=2"


# --------------------------------------------------------------------------- #
# Word-segmented Vietnamese
# --------------------------------------------------------------------------- #
def test_vietnamese_segmented_underscores_become_spaces() -> None:
    s = "Nông_dân huyện Mỹ_Lợi bắt_đầu thu_hoạch vụ lúa sớm hơn dự_kiến ."
    out = clean_text(s)
    assert out == "Nông dân huyện Mỹ Lợi bắt đầu thu hoạch vụ lúa sớm hơn dự kiến."
    assert looks_segmented(s)


def test_single_snake_case_identifier_is_kept() -> None:
    s = "Set the max_length option to 512 before you run the tokenizer on your data."
    assert not looks_segmented(s)
    assert clean_text(s) == s


def test_few_identifiers_in_long_english_text_are_kept() -> None:
    words = " ".join(["the model was trained on news data again"] * 10)
    s = f"Call load_model, then run_eval and save_results. {words}"
    assert not looks_segmented(s)
    assert "load_model" in clean_text(s)


def test_one_vietnamese_token_in_a_title_is_enough() -> None:
    assert looks_segmented("Lũ_lụt tràn vào Quảng Ngãi")
    assert clean_title("Lũ_lụt tràn vào Quảng Ngãi") == "Lũ lụt tràn vào Quảng Ngãi"


def test_segmented_text_keeps_urls_and_non_letter_underscores() -> None:
    s = (
        "Theo báo_cáo của bộ_trưởng , đội U_23 sẽ thi_đấu tại sân_vận_động . "
        "Xem http://example.com/tin_tuc/bai_viet_1.html"
    )
    out = clean_text(s)
    assert "báo cáo" in out and "sân vận động" in out
    assert "U_23" in out
    assert "http://example.com/tin_tuc/bai_viet_1.html" in out


# --------------------------------------------------------------------------- #
# Spaced hyphens
# --------------------------------------------------------------------------- #
def test_arabic_particles_are_rejoined() -> None:
    s = "Đoàn xe dừng ở Tell al - Warda ( Tal al - Wardeh ) và al - Mansura ."
    assert clean_text(s) == "Đoàn xe dừng ở Tell al-Warda (Tal al-Wardeh) và al-Mansura."
    assert clean_text("Reporters from Al - Masry Al - Youm said so.") == (
        "Reporters from Al-Masry Al-Youm said so."
    )


def test_real_dashes_are_kept() -> None:
    vi = "Hợp tác kinh tế - xã hội giữa Việt Nam - Lào tiếp tục phát triển."
    assert clean_text(vi) == vi
    es = "Está en el - digamos - centro del debate."
    assert clean_text(es) == es


# --------------------------------------------------------------------------- #
# Pre-tokenized text
# --------------------------------------------------------------------------- #
def test_pretokenized_punctuation_is_reattached() -> None:
    s = "10h sáng qua ( 3/9 ) , UBND huyện khai mạc hội chợ nông sản , theo ban tổ chức ."
    assert is_pretokenized(s)
    assert clean_text(s) == (
        "10h sáng qua (3/9), UBND huyện khai mạc hội chợ nông sản, theo ban tổ chức."
    )


def test_pretokenized_quotes() -> None:
    s = "Ông nói : “ Tình hình rất khó khăn ” , sau đó rời đi . Bà đáp " + '" không sao " .'
    assert clean_text(s) == 'Ông nói: “Tình hình rất khó khăn”, sau đó rời đi. Bà đáp "không sao".'


def test_pretokenized_apostrophes_and_clitics() -> None:
    assert clean_text("phường Bab al - Ma ' ala , al - Zahra .") == (
        "phường Bab al-Ma'ala, al-Zahra."
    )
    assert clean_text("He does n't know , and John 's car is gone .") == (
        "He doesn't know, and John's car is gone."
    )


def test_pretokenized_numbers_only_unambiguous_shapes_joined() -> None:
    assert clean_text("Lạm phát tăng 12 , 5 % trong quý , theo báo cáo .") == (
        "Lạm phát tăng 12,5% trong quý, theo báo cáo."
    )
    assert clean_text("Có 1 , 500 người tham dự , theo ban tổ chức .") == (
        "Có 1,500 người tham dự, theo ban tổ chức."
    )
    assert clean_text("trong năm 2013 , 25 % dân số , theo báo cáo .") == (
        "trong năm 2013, 25% dân số, theo báo cáo."
    )
    # tokenizers keep numbers whole: "2013 , 2014" in tokenized text is a list
    assert clean_text("doanh thu các năm 2018 , 2019 đều tăng mạnh , vượt kế hoạch .") == (
        "doanh thu các năm 2018, 2019 đều tăng mạnh, vượt kế hoạch."
    )
    assert clean_text("sau ba ván ( 4/6 , 6/2 , 7/5 ) cô giành chiến thắng .") == (
        "sau ba ván (4/6, 6/2, 7/5) cô giành chiến thắng."
    )


def test_prose_number_list_is_not_joined() -> None:
    s = "The vote, held on Tuesday, passed items 1 , 2 and 3 in order, officials said."
    assert not is_pretokenized(s)
    assert clean_text(s) == (
        "The vote, held on Tuesday, passed items 1, 2 and 3 in order, officials said."
    )


def test_stray_spacing_in_normal_text_is_repaired() -> None:
    s = (
        "Hội thảo do Đại học Osaka , Nhật Bản chủ trì, với Công ty Sen Vàng ( SVG ) "
        "và nhiều đơn vị khác, tại Hà Nội . Ảnh: BTC. Hơn 200 tác phẩm, từ Huế, Đà Nẵng, "
        "Cần Thơ, được trưng bày (miễn phí). Ban tổ chức cho biết, triển lãm kéo dài "
        "đến cuối tháng."
    )
    assert not is_pretokenized(s)
    assert clean_text(s) == (
        "Hội thảo do Đại học Osaka, Nhật Bản chủ trì, với Công ty Sen Vàng (SVG) "
        "và nhiều đơn vị khác, tại Hà Nội. Ảnh: BTC. Hơn 200 tác phẩm, từ Huế, Đà Nẵng, "
        "Cần Thơ, được trưng bày (miễn phí). Ban tổ chức cho biết, triển lãm kéo dài "
        "đến cuối tháng."
    )


def test_only_the_tokenized_lead_line_is_repaired() -> None:
    s = (
        "( TTXVN ) - Chiều 5/10 , Cần Thơ khai mạc tuần lễ văn hóa .\n"
        "Tham dự có bà Trần Thị Lan - Phó Giám đốc Sở Văn hóa, và nhiều khách mời."
    )
    assert clean_text(s) == (
        "(TTXVN) - Chiều 5/10, Cần Thơ khai mạc tuần lễ văn hóa.\n"
        "Tham dự có bà Trần Thị Lan - Phó Giám đốc Sở Văn hóa, và nhiều khách mời."
    )


def test_french_typography_and_apostrophes_are_kept() -> None:
    s = "L’armée syrienne est-elle à Alep ? « Oui », répond le porte-parole d’Alep : c’est fait !"
    assert clean_text(s) == s


def test_idempotent() -> None:
    samples = [
        "Đoàn_xe cứu_trợ dừng ở Tell al - Warda ( Tal al - Wardeh ) .",
        "Tom &amp; Jerry\n\n\n  go home ",
        "L’armée d’Alep ? « Oui ».",
        'Ông nói " không sao " , rồi đi .',
    ]
    for s in samples:
        once = clean_text(s)
        assert clean_text(once) == once


def test_clean_title_is_one_line() -> None:
    assert clean_title("  Aleppo:\n army  advances ") == "Aleppo: army advances"


# --------------------------------------------------------------------------- #
# normalize_article
# --------------------------------------------------------------------------- #
def test_normalize_article_returns_copy_with_clean_fields() -> None:
    art = Article(
        id="a1",
        title="Đoàn_xe cứu_trợ tới Aleppo",
        text="Đoàn_xe cứu_trợ bắt_đầu phân_phát lương_thực tại Tell al - Warda .",
        lang="vi",
    )
    out = normalize_article(art)
    assert out is not art
    assert out.title == art.title and out.text == art.text
    assert art.clean_title == "" and art.clean_text == ""
    assert out.clean_title == "Đoàn xe cứu trợ tới Aleppo"
    assert out.clean_text == "Đoàn xe cứu trợ bắt đầu phân phát lương thực tại Tell al-Warda."
    assert out.lang == "vi" and out.id == "a1"
    again = normalize_article(out)
    assert (again.clean_title, again.clean_text) == (out.clean_title, out.clean_text)


def test_normalize_article_empty() -> None:
    out = normalize_article(Article(id="empty"))
    assert out.clean_title == "" and out.clean_text == ""


# --------------------------------------------------------------------------- #
# real data, read at test time
# --------------------------------------------------------------------------- #
def test_vietnamese_seed() -> None:
    out = normalize_article(Article(id="seed0", text=seed_text("000"))).clean_text
    assert "quân đội" in out
    assert "Bustan al-Qasr" in out
    assert "Bustan al - Qasr" not in out
    assert not UNDERSCORE_BETWEEN_LETTERS.search(out)
    assert "(Bustan al-Kaser)" in out
    assert " ," not in out and " ." not in out


def test_french_seed_keeps_elisions() -> None:
    raw = seed_text("003")
    out = normalize_article(Article(id="seed3", text=raw)).clean_text
    assert "d’Alep" in out and "l’armée" in out
    assert out.split() == raw.split()


def test_vietnamese_mds_sample() -> None:
    if not VI_MDS.is_file():
        pytest.skip("vietnamese_mds_ktlab not available")
    with VI_MDS.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for _, line in zip(range(60), fh, strict=False)]
    for row in rows:
        art = normalize_article(Article(id=row["id"], title=row["title"], text=row["text"]))
        assert art.clean_text
        assert " , " not in art.clean_text
        assert "( " not in art.clean_text
        # no word is lost: only spacing changes
        assert art.clean_text.replace(" ", "").replace("\n", "") == (
            clean_text(row["text"]).replace(" ", "").replace("\n", "")
        )
