"""Sentence splitting across scripts (Latin, Arabic, CJK, Vietnamese, Cyrillic)."""

from __future__ import annotations

from newsweave.enrich.sentences import article_sentences, split_sentences


def texts(s: str) -> list[str]:
    return [x.text for x in split_sentences(s)]


def test_latin_abbreviations_and_decimals():
    assert texts("Mr. Smith said 3.5 km. The U.S. Army left.") == [
        "Mr. Smith said 3.5 km.",
        "The U.S. Army left.",
    ]
    assert texts("Le 7 déc. 2016, M. Dupont est arrivé. Il a dit « oui ».") == [
        "Le 7 déc. 2016, M. Dupont est arrivé.",
        "Il a dit « oui ».",
    ]
    assert texts("George W. Bush left. Then") == ["George W. Bush left.", "Then"]


def test_arabic_punctuation():
    assert texts("أعلنت البلدية الخطة. وزار الحديقة نحو 3 آلاف شخص؟ نعم") == [
        "أعلنت البلدية الخطة.",
        "وزار الحديقة نحو 3 آلاف شخص؟",
        "نعم",
    ]
    # the Arabic comma does not end a sentence
    assert len(split_sentences("قالت المديرة، إن المكتبة تفتح غدا.")) == 1


def test_cjk_without_spaces():
    assert texts("军队解放了东区。平民撤离！“好。”他说。") == [
        "军队解放了东区。",
        "平民撤离！",
        "“好。”",
        "他说。",
    ]


def test_vietnamese_abbreviations_and_dates():
    out = texts("Bà B, Giám đốc Sở Du lịch TP. Đà Nẵng nói vậy. Chiều 9-4, đoàn xe khởi hành.")
    assert out == [
        "Bà B, Giám đốc Sở Du lịch TP. Đà Nẵng nói vậy.",
        "Chiều 9-4, đoàn xe khởi hành.",
    ]


def test_russian_and_lines():
    assert texts("Он сказал: «Да». В 2016 г. армия ушла.") == [
        "Он сказал: «Да».",
        "В 2016 г. армия ушла.",
    ]
    # a line break ends a sentence; a line broken mid-sentence does not
    assert texts("Valdoria\nThe crews of the\n\nfire service rested.") == [
        "Valdoria",
        "The crews of the  fire service rested.",
    ]


def test_offsets_and_paragraphs():
    text = "First one. Second one.\n\nThird one."
    sents = split_sentences(text)
    assert [text[s.start : s.end] for s in sents] == [s.text for s in sents]
    assert [s.paragraph for s in sents] == [0, 0, 1]


def test_title_repeat_skipped():
    sents = article_sentences("Army frees Aleppo", "Army frees Aleppo\nThe army said so.")
    assert [s.text for s in sents] == ["The army said so."]
