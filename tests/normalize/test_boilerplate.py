"""Tests for newsweave.normalize.boilerplate."""

from __future__ import annotations

import pytest

from conftest import SHARED
from newsweave.model import Article
from newsweave.normalize import (
    clean_text,
    is_boilerplate_line,
    normalize_article,
    strip_boilerplate,
)

SEEDS = SHARED / "seeds"

BODY = (
    "Rescue teams worked through the night after the earthquake hit the coastal town.\n\n"
    "Officials said at least 40 people were injured and dozens of homes were damaged.\n\n"
    "The mayor asked residents to stay away from damaged buildings until engineers inspect them."
)
LAST = "The mayor asked residents to stay away from damaged buildings until engineers inspect them."


def seed_text(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip("seed articles not available")
    files = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not files:
        pytest.skip(f"seed {prefix} not available")
    return files[0].read_text(encoding="utf-8")


# --------------------------------------------------------------------------- #
# repeated title
# --------------------------------------------------------------------------- #
TITLE = "Earthquake hits coastal town, dozens injured"


def test_title_repeated_twice_at_top_is_dropped() -> None:
    text = f"{TITLE}\n\n{TITLE}\n\n{BODY}"
    assert strip_boilerplate(text, title=TITLE) == BODY


def test_title_repeat_with_site_suffix_and_other_punctuation() -> None:
    text = f"Earthquake hits coastal town - dozens injured | Daily Herald\n{BODY}"
    assert strip_boilerplate(text, title="Earthquake hits coastal town – dozens injured") == BODY
    text = f"EARTHQUAKE HITS COASTAL TOWN, DOZENS INJURED.\n{BODY}"
    assert strip_boilerplate(text, title=TITLE) == BODY


def test_without_title_a_doubled_first_line_is_kept_once() -> None:
    text = f"{TITLE}\n\n{TITLE}\n\n{BODY}"
    assert strip_boilerplate(text) == f"{TITLE}\n\n{BODY}"


def test_first_line_that_differs_from_title_is_kept() -> None:
    text = f"Earthquake hits coastal town\n{BODY}"
    assert strip_boilerplate(text, title="Earthquake hits coastal town again, 3 dead") == text
    assert strip_boilerplate(BODY, title=TITLE) == BODY


def test_title_in_arabic_with_variant_spelling() -> None:
    title = "الجيش السوري يتقدم في حلب"
    body = "واصل الجيش تقدمه في الأحياء الشرقية للمدينة.\nوقال مصدر عسكري إن العمليات مستمرة."
    text = f"الجيش السورى يتقدم فى حلب\n{body}"  # Egyptian spelling of the same title
    assert strip_boilerplate(text, title=title) == body


# --------------------------------------------------------------------------- #
# comment forms
# --------------------------------------------------------------------------- #
FORMS = {
    "en": (
        "Leave a Reply\nYour email address will not be published. Required fields are marked *\n"
        "Comment *\nName *\nEmail *\nWebsite\n"
        "Save my name, email, and website in this browser for the next time I comment.\n"
        "Notify me of follow-up comments by email.\nNotify me of new posts by email.\n"
        "Post Comment"
    ),
    "fr": (
        "Laisser un commentaire\n"
        "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *\n"
        "Commentaire *\nNom *\nE-mail *\nSite web\n"
        "Enregistrer mon nom, mon e-mail et mon site dans le navigateur pour mon prochain "
        "commentaire.\nLaisser un commentaire"
    ),
    "es": (
        "Deja una respuesta\n"
        "Tu dirección de correo electrónico no será publicada. "
        "Los campos obligatorios están marcados con *\n"
        "Comentario *\nNombre *\nCorreo electrónico *\nWeb\n"
        "Guarda mi nombre, correo electrónico y web en este navegador para la próxima vez "
        "que comente.\nPublicar el comentario"
    ),
    "pt": (
        "Deixe um comentário\nO seu endereço de e-mail não será publicado. "
        "Campos obrigatórios são marcados com *\nComentário *\nNome *\nE-mail *\nSite\n"
        "Salvar meus dados neste navegador para a próxima vez que eu comentar.\n"
        "Publicar comentário"
    ),
    "de": (
        "Schreibe einen Kommentar\nDeine E-Mail-Adresse wird nicht veröffentlicht. "
        "Erforderliche Felder sind mit * markiert\nKommentar *\nName *\nE-Mail *\nWebsite\n"
        "Meinen Namen, meine E-Mail-Adresse und meine Website in diesem Browser speichern, "
        "bis ich wieder kommentiere.\nKommentar abschicken"
    ),
    "vi": (
        "Để lại bình luận\nĐịa chỉ email của bạn sẽ không được công bố. "
        "Các trường bắt buộc được đánh dấu *\nBình luận *\nTên *\nEmail *\nTrang web\n"
        "Lưu tên của tôi, email, và trang web trong trình duyệt này cho lần bình luận kế tiếp "
        "của tôi.\nGửi bình luận"
    ),
    "ar": (
        "اترك تعليقاً\nلن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *\n"
        "التعليق *\nالاسم *\nالبريد الإلكتروني *\nالموقع الإلكتروني\n"
        "احفظ اسمي، بريدي الإلكتروني، والموقع الإلكتروني في هذا المتصفح لاستخدامها المرة "
        "المقبلة في تعليقي.\nإرسال التعليق"
    ),
}


@pytest.mark.parametrize("lang", sorted(FORMS))
def test_comment_form_at_end_is_removed(lang: str) -> None:
    text = f"{BODY}\n\n{FORMS[lang]}"
    assert strip_boilerplate(text) == BODY


def test_comment_form_start_then_only_form_lines() -> None:
    text = f"{BODY}\n\nPost your comments\n\nName\nEmail\nWebsite\nSubmit"
    assert strip_boilerplate(text) == BODY


def test_field_labels_alone_are_not_enough() -> None:
    text = f"{BODY}\n\nComments"
    assert strip_boilerplate(text) == text
    text = f"{BODY}\nWebsite"
    assert strip_boilerplate(text) == text


def test_ordinary_sentences_mentioning_forms_are_kept() -> None:
    text = (
        f"{BODY}\n"
        "The bank wrote that your email address will not be published or shared with anyone.\n"
        "The minister declined to comment.\n"
        "Readers can leave a comment on the council website until Friday."
    )
    assert strip_boilerplate(text) == text


def test_form_in_the_middle_followed_by_content_is_kept() -> None:
    text = f"Leave a Reply\n{BODY}"
    assert strip_boilerplate(text) == text


# --------------------------------------------------------------------------- #
# share / subscribe / cookie / ads
# --------------------------------------------------------------------------- #
def test_share_subscribe_cookie_lines_are_removed_anywhere() -> None:
    text = (
        "We use cookies to improve your experience. By continuing you accept our use of cookies.\n"
        "Share on Facebook\nFacebook Twitter WhatsApp Email\n"
        f"{BODY}\n"
        "Advertisement\n"
        "Subscribe to our newsletter\n"
        "Partager sur Twitter\nSuivez-nous sur Facebook\n"
        "Accept all cookies"
    )
    assert strip_boilerplate(text) == BODY


def test_news_about_cookies_and_sharing_is_kept() -> None:
    text = (
        "The court ruled that websites must ask users before they accept cookies.\n"
        "Twitter and Facebook shares fell 5 percent on Monday.\n"
        "Share prices rose sharply in Tokyo.\n"
        '"We use cookies to show relevant ads," the company said in a statement.\n'
        "Follow us"
    )
    # "Follow us" alone is furniture; the rest is news
    assert strip_boilerplate(text) == text.rsplit("\n", 1)[0]
    text = (
        "The court ruled that websites must ask users before they accept cookies.\n"
        "Twitter and Facebook shares fell 5 percent on Monday."
    )
    assert strip_boilerplate(text) == text


def test_markdown_source_link_keeps_the_name() -> None:
    text = f"Source: [FarsNews](#)\n\n{BODY}\n\nRead more on [Reuters](https://www.reuters.com/x)"
    out = strip_boilerplate(text)
    assert out.startswith("Source: FarsNews\n")
    assert out.endswith("Read more on Reuters")
    assert "[" not in out and "](" not in out


def test_is_boilerplate_line() -> None:
    assert is_boilerplate_line("Your email address will not be published.")
    assert is_boilerplate_line("Gửi bình luận")
    assert is_boilerplate_line("لن يتم نشر عنوان بريدك الإلكتروني")
    assert not is_boilerplate_line("The army said it had retaken the district.")
    assert not is_boilerplate_line("")


def test_empty() -> None:
    assert strip_boilerplate("") == ""
    assert strip_boilerplate("\n\n") == ""


# --------------------------------------------------------------------------- #
# seeds
# --------------------------------------------------------------------------- #
def test_english_seed_comment_form_removed_last_paragraph_kept() -> None:
    raw = seed_text("001")
    assert "Post your comments" in raw
    # the seed's last paragraph, taken from the seed itself: the line above the form
    last = raw.split("Post your comments")[0].strip().split("\n")[-1]
    assert len(last.split()) > 10
    out = normalize_article(Article(id="seed1", text=raw)).clean_text
    assert "Post your comments" not in out
    assert "will not be published" not in out
    assert "Required fields" not in out
    assert out.rstrip().split("\n")[-1] == clean_text(last)


def test_english_seed_repeated_title() -> None:
    raw = seed_text("001")
    title = raw.strip().split("\n")[0].strip()
    assert raw.count(title) >= 2
    out = normalize_article(Article(id="seed1", text=raw)).clean_text
    assert out.count(title) == 1 and out.startswith(title)
    with_title = normalize_article(Article(id="seed1", title=title, text=raw))
    assert with_title.clean_title == title
    assert title not in with_title.clean_text
    # the body opens with the seed's first paragraph that is not the title
    first = next(line for line in raw.split("\n") if line.strip() and line.strip() != title)
    assert with_title.clean_text.startswith(" ".join(first.split()[:6]))


def test_english_seed_source_link() -> None:
    raw = seed_text("004")
    out = normalize_article(Article(id="seed4", text=raw)).clean_text
    assert "Source: FarsNews" in out
    assert "[FarsNews](#)" not in out
    assert not out.startswith("\n")
    # nothing else is removed
    assert len(out.split()) == len(raw.split())


def test_seeds_without_boilerplate_keep_every_word() -> None:
    for prefix in ("002", "003"):
        raw = seed_text(prefix)
        out = normalize_article(Article(id=prefix, text=raw)).clean_text
        assert out.split() == raw.split()
