"""What the encoder is given for an article: title plus a lead of the body."""

from newsweave.encode.base import TITLE_SIZED_LEAD, embedding_text
from newsweave.model import Article

BODY = " ".join(f"word{i}" for i in range(400))


def test_title_and_lead_of_the_chosen_length():
    text = embedding_text(Article(id="a", title="Dock strike ends", text=BODY), lead_words=120)
    title, lead = text.split("\n")
    assert title == "Dock strike ends"
    assert lead.split() == BODY.split()[:120]


def test_titles_only_when_asked():
    assert embedding_text(Article(id="a", title="Dock strike ends", text=BODY), 0) == (
        "Dock strike ends"
    )


def test_untitled_article_embeds_a_lead_even_when_titles_only_are_asked():
    # otherwise every untitled article would share the vector of the empty string
    text = embedding_text(Article(id="a", title="", text=BODY), lead_words=0)
    assert text.split() == BODY.split()[:TITLE_SIZED_LEAD]
