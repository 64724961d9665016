"""Removal of page furniture that extractors leave in article bodies.

:func:`strip_boilerplate` works on whole lines and only removes a line when
the *entire* line is furniture, so an ordinary sentence that merely mentions
comments, cookies or sharing is never touched.  What it does:

* **Repeated title at the top.**  Leading lines equal to ``title`` (compared
  with :func:`~newsweave.normalize.arabic.fold_for_matching`, ignoring
  punctuation, also allowing a ``Title - Site name`` suffix) are dropped, up to
  three of them.  Without a title, a first line repeated right below itself is
  kept once.
* **Comment form at the end.**  Walking up from the last line, a block made
  only of comment-form lines ("Leave a Reply", "Your email address will not be
  published.", "Name *", "Post Comment" ... in English, French, Spanish,
  Portuguese, German, Vietnamese and Arabic), share bars, subscribe prompts and
  cookie notices is removed, provided it holds at least one unmistakable line:
  bare field labels such as "Website" or "Name" alone are never enough.
* **Furniture anywhere.**  Share bars ("Share on Facebook", "Facebook Twitter
  WhatsApp"), subscribe prompts, cookie notices and "Advertisement" markers are
  dropped wherever they stand as a line of their own.
* **Markdown link leftovers.**  ``[FarsNews](#)`` becomes ``FarsNews``, so
  ``Source: [FarsNews](#)`` keeps its source name as provenance evidence.

Run it on text already passed through :func:`~newsweave.normalize.text.clean_text`.
"""

from __future__ import annotations

import re

from newsweave.normalize.arabic import fold_for_matching

__all__ = ["strip_boilerplate", "is_boilerplate_line", "strip_outlet"]

# Patterns are written against the *folded* line: lower case, no accents
# (Vietnamese "gửi bình luận" -> "gui binh luan"), Arabic folded (أ -> ا, ة -> ه),
# curly quotes straight.  Each must match a whole sentence of the line.

_FORM_STRONG = [
    # English
    r"leave a (?:reply|comment|response)(?: to .{1,60}?)?(?: cancel reply)?",
    r"(?:post|add|write|submit|leave) (?:a |your )?comments?",
    r"post comment",
    r"your email(?: address)? will not be published",
    r"(?:required fields are marked|fields marked with an?) ?\*?(?: are required)?",
    r"save my name,? email,? and website in this browser for the next time i comment",
    r"notify me of (?:follow-?up comments|new comments|new posts)(?: by e-?mail| via e-?mail)?",
    r"cancel reply",
    r"you must be (?:logged in|registered) to post a comment",
    r"this site uses akismet to reduce spam",
    r"learn how your comment data is processed",
    r"comments are closed",
    r"be the first to comment",
    r"join the (?:conversation|discussion)",
    # French
    r"(?:laisser|laissez|ajouter|publier|poster|ecrire) (?:un commentaire|une reponse)",
    r"(?:votre|ton) adresse (?:e-?mail|courriel|de messagerie|mail) ne sera pas publiee",
    r"les champs obligatoires sont (?:indiques|marques) (?:avec|par) ?\*?",
    r"enregistrer mon nom, mon (?:e-?mail|courriel|adresse e-?mail) et mon site(?: web)? "
    r"dans (?:le|ce) navigateur pour (?:mon|le) prochain commentaire",
    r"(?:prevenez|avertissez|notifiez)-moi (?:de|des) .{0,40}(?:commentaires|articles) "
    r"par (?:e-?mail|courriel)",
    r"annuler la reponse",
    r"publier le commentaire",
    # Spanish
    r"(?:deja|dejar|deje|escribe|anade|publica) (?:un comentario|una respuesta|tu comentario)",
    r"(?:tu|su) (?:direccion de )?(?:correo(?: electronico)?|e-?mail) no sera publicad[ao]",
    r"los campos (?:obligatorios|requeridos) (?:estan |se )?(?:marcados|senalan) con ?\*?",
    r"guarda(?:r)? mi nombre, correo electronico y (?:sitio )?web en este navegador "
    r"para la proxima vez que comente",
    r"cancelar (?:la )?respuesta",
    r"publicar (?:el )?comentario",
    # Portuguese
    r"(?:deixe|deixar|escreva|adicione) (?:um comentario|uma resposta|seu comentario)",
    r"(?:o )?(?:seu )?endereco de e-?mail nao sera publicado",
    r"(?:os )?campos obrigatorios (?:sao|estao) marcados com ?\*?",
    r"(?:salvar|guardar) (?:meus dados|o meu nome, e-?mail e site|meu nome, e-?mail e site) "
    r"neste navegador para a proxima vez que eu comentar",
    r"cancelar resposta",
    r"(?:publicar|enviar) comentario",
    # German
    r"(?:schreibe|schreiben sie|hinterlasse|hinterlassen sie) einen kommentar",
    r"(?:deine|ihre) e-?mail-?adresse wird nicht veroffentlicht",
    r"(?:erforderliche felder|pflichtfelder) sind mit ?\*? (?:markiert|gekennzeichnet)",
    r"meinen namen, (?:meine )?e-?mail(?:-adresse)? und (?:meine )?website in diesem browser "
    r"speichern, bis ich wieder kommentiere",
    r"antworten abbrechen",
    r"kommentar (?:abschicken|absenden|schreiben)",
    # Vietnamese (folded)
    r"(?:gui|viet|de lai) (?:mot )?(?:binh luan|y kien)(?: cua ban)?",
    r"(?:dia chi )?email cua ban se khong duoc (?:cong bo|hien thi|cong khai)",
    r"(?:cac )?(?:truong|o|muc) bat buoc (?:duoc danh dau|co dau|duoc danh dau bang) ?\*?",
    r"luu ten cua toi, email,? (?:va )?trang web trong trinh duyet nay "
    r"cho lan binh luan ke tiep cua toi",
    r"huy (?:tra loi|phan hoi)",
    r"y kien ban doc",
    # Arabic (folded)
    r"(?:اترك|اضف|اكتب) (?:تعليقا|تعليق|ردا|رد|تعليقك)",
    r"لن يتم نشر (?:عنوان )?بريدك الالكتروني",
    r"الحقول (?:الالزاميه|المطلوبه) (?:مشار اليها|معلمه) ب ?\*?",
    r"احفظ اسمي.{0,80}المتصفح.{0,80}",
    r"الغاء الرد",
    r"(?:ارسال|ارسل|نشر) التعليق",
]

# Field labels and buttons: only removed inside a block that also has a
# strong line, because on its own "Website" or "Comments" may be a heading.
_FORM_WEAK = [
    r"(?:full |your )?(?:name|nom|nombre|nome|name und vorname|ho ten|ho va ten|ten|الاسم)",
    r"(?:your )?(?:e-?mail|email address|e-?mail address|courriel|adresse e-?mail|"
    r"correo electronico|correo|endereco de e-?mail|e-?mail-?adresse|"
    r"البريد الالكتروني)",
    r"(?:website|site web|site|sitio web|web|url|webseite|trang web|الموقع|الموقع الالكتروني)",
    r"(?:comment|commentaire|comentario|kommentar|binh luan|noi dung|التعليق)",
    r"(?:submit|send|envoyer|enviar|absenden|gui|ارسال|reply|repondre|responder|antworten)",
    r"(?:\d+|no|aucun|sin|sem|keine) (?:comments?|commentaires?|comentarios?|kommentare?)",
    r"(?:comments?|commentaires|comentarios|kommentare|binh luan|التعليقات)(?: \(\d+\))?",
]

_NETWORKS = (
    r"facebook|twitter|x|linkedin|whatsapp|telegram|e-?mail|print|pinterest|reddit|"
    r"messenger|tumblr|vk|zalo|instagram|youtube|tiktok|threads|bluesky|mastodon|"
    r"flipboard|pocket|skype|line|viber|wechat|weibo"
)
_SHARE = [
    rf"(?:share|partager|compartir|compartilhar|compartilhe|teilen|chia se|شارك)"
    rf"(?: (?:this|this article|this story|this post|cet article|l'article|este articulo|"
    rf"esta noticia|esta materia|bai viet|المقال|الخبر))?"
    rf"(?: (?:on|via|sur|par|en|no|na|auf|per|qua|tren|على|علي|عبر) (?:{_NETWORKS}))?",
    rf"click to (?:share on|email a link to a friend|print)"
    rf"(?: (?:{_NETWORKS}))?(?: \(opens in new window\))?",
    r"tweet(?: this)?",
    r"like this",
    r"(?:copy|copier le|copiar) (?:link|lien|enlace|link)",
    rf"(?:follow us|suivez-nous|siguenos|siga-nos|folgen sie uns|theo doi chung toi|تابعونا)"
    rf"(?: (?:on|sur|en|no|auf|tren|على|علي) (?:{_NETWORKS})"
    rf"(?:(?:,| and| et| y| e| und| va) (?:{_NETWORKS}))*)?",
]
_SHARE_WORDS = frozenset(_NETWORKS.split("|")) | {
    "email",
    "e-mail",
    "share",
    "tweet",
    "partager",
    "compartir",
    "teilen",
    "copy",
    "link",
}
_TOKEN_SPLIT = re.compile(r"[\s|•·/,]+")

_SUBSCRIBE = [
    r"(?:subscribe|sign up)(?: now| today| for free)?"
    r"(?: (?:to|for) (?:our|the|my) (?:free )?(?:daily |weekly )?"
    r"(?:newsletters?|channel|youtube channel|updates|podcast|mailing list))?"
    r"(?: (?:to|and) (?:get|receive|stay) .{0,60})?",
    r"(?:abonnez-vous|inscrivez-vous)(?: (?:a|pour recevoir) (?:notre|la|nos) "
    r"(?:newsletters?|lettre d'information|chaine))?",
    r"(?:suscribete|suscribase|registrate)(?: (?:a|en) (?:nuestro|nuestra|el|la) "
    r"(?:boletin|newsletter|canal))?",
    r"(?:assine|inscreva-se|cadastre-se)(?: (?:a|na|em) (?:nossa|a) (?:newsletter|canal))?",
    r"(?:newsletter|jetzt) (?:abonnieren|bestellen)",
    r"dang ky (?:nhan (?:ban )?tin|theo doi)(?: .{0,40})?",
    r"اشترك(?: في| ب)? (?:النشره البريديه|القائمه البريديه|قناتنا|نشرتنا)",
]

_ADVERT = [
    r"advertisement|advertising|sponsored(?: content)?|publicite|publicidad|anuncio|"
    r"anzeige|werbung|quang cao|اعلان",
]

# A cookie notice: a short line that *starts* with the site speaking about its
# own cookies ("We use cookies", "This website uses cookies", "By continuing to
# browse ... you accept").  A news sentence quoting such words starts with a
# quote mark or a speaker, so it does not qualify.
_COOKIE_NOTICE = re.compile(
    r"\b(?:we use cookies|(?:this|our) (?:web)?site uses cookies|"
    r"by (?:continuing|using|browsing).{0,80}(?:cookies|you (?:agree|accept|consent))|"
    r"nous utilisons (?:des )?cookies|ce site(?: web)? utilise (?:des )?cookies|"
    r"en poursuivant votre navigation|"
    r"(?:utilizamos|usamos) cookies|este (?:sitio|site)(?: web)? (?:utiliza|usa) cookies|"
    r"wir verwenden cookies|diese (?:web)?seite verwendet cookies|"
    r"(?:trang web|website)(?: nay)? su dung cookie)"
    r"|(?:يستخدم هذا الموقع|نستخدم) (?:ملفات )?(?:تعريف الارتباط|الكوكيز|كوكيز)"
)
_COOKIE_SHORT = re.compile(
    r"(?:(?:accept|reject|manage|accepter|refuser|aceptar|rechazar|aceitar|akzeptieren|"
    r"ablehnen)(?: all| tous les| todas las| todos os| alle)? cookies)|"
    r"cookie (?:policy|settings|preferences)|"
    r"politique (?:de|des|relative aux) cookies|politica de cookies|cookie-richtlinie"
)


def _compile(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + ")")


_RE_FORM_STRONG = _compile(_FORM_STRONG)
_RE_FORM_WEAK = _compile(_FORM_WEAK)
_RE_SHARE = _compile(_SHARE)
_RE_SUBSCRIBE = _compile(_SUBSCRIBE)
_RE_ADVERT = _compile(_ADVERT)

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?:؟])\s+")
_STAR_SPLIT = re.compile(r"(?<=\*)\s+")
_EDGE_JUNK = re.compile(r"^[\s\-–—•·*>#|]+|[\s*:.!…؟,،|\-–—>»]+$")
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,200})\]\((?:#[^)\s]*|[a-z]+://[^)\s]*|/[^)\s]*|)\)")
_EMPTY_MD_LINK = re.compile(r"\[\]\((?:#[^)\s]*|[a-z]+://[^)\s]*|/[^)\s]*|)\)")

STRONG, WEAK, FURNITURE = "strong", "weak", "furniture"


def _pieces(line: str) -> list[str]:
    folded = fold_for_matching(line)
    out = []
    for piece in _SENTENCE_SPLIT.split(folded):
        piece = _EDGE_JUNK.sub("", piece)
        if piece:
            out.append(piece)
    return out


def _piece_kind(piece: str) -> str | None:
    if _RE_FORM_STRONG.fullmatch(piece):
        return STRONG
    if _RE_FORM_WEAK.fullmatch(piece):
        return WEAK
    return None


def _form_kinds(line: str) -> list[str] | None:
    """Kinds of the sentences of a comment-form line; None if one is content.

    "Name * Email * Website" on one line is split at the stars.
    """
    kinds: list[str] = []
    for piece in _pieces(line):
        kind = _piece_kind(piece)
        if kind is None:
            parts = [_EDGE_JUNK.sub("", p) for p in _STAR_SPLIT.split(piece)]
            sub = [_piece_kind(p) for p in parts if p]
            if len(sub) < 2 or None in sub:
                return None
            kinds.extend(k for k in sub if k is not None)
        else:
            kinds.append(kind)
    return kinds


def _is_cookie_notice(folded: str) -> bool:
    if _COOKIE_SHORT.fullmatch(folded):
        return True
    return len(folded.split()) <= 60 and bool(_COOKIE_NOTICE.match(folded))


def _is_share_bar(folded: str) -> bool:
    tokens = [t for t in _TOKEN_SPLIT.split(folded) if t]
    return len(tokens) >= 2 and all(t in _SHARE_WORDS for t in tokens)


def _classify(line: str) -> str | None:
    """``strong``/``weak`` comment-form line, ``furniture``, or None (content)."""
    if not line.strip():
        return None
    folded = _EDGE_JUNK.sub("", fold_for_matching(line))
    if not folded:
        return None
    if (
        _RE_SHARE.fullmatch(folded)
        or _is_share_bar(folded)
        or _RE_SUBSCRIBE.fullmatch(folded)
        or _RE_ADVERT.fullmatch(folded)
        or _is_cookie_notice(folded)
    ):
        return FURNITURE
    kinds = _form_kinds(line)
    if not kinds:
        return None
    return STRONG if STRONG in kinds else WEAK


def is_boilerplate_line(line: str) -> bool:
    """True for a line that is furniture or a comment-form line of any kind."""
    return _classify(line) is not None


# --------------------------------------------------------------------------- #
# repeated title
# --------------------------------------------------------------------------- #
_NON_WORD = re.compile(r"[\W_]+")
_SITE_SEPARATOR = re.compile(r"^\s*[-|–—:·•]\s*")


def _key(s: str) -> str:
    return " ".join(_NON_WORD.sub(" ", fold_for_matching(s)).split())


def _same_title(line: str, title: str) -> bool:
    lk, tk = _key(line), _key(title)
    if not lk or not tk:
        return False
    if lk == tk:
        return True
    # "Title - Site name" against "Title" (either way round)
    longer, shorter = (line, title) if len(lk) > len(tk) else (title, line)
    sk = _key(shorter)
    if len(sk) < 10 or not _key(longer).startswith(sk):
        return False
    # find where the shorter text ends inside the longer raw string
    folded_longer = fold_for_matching(longer)
    folded_shorter = fold_for_matching(shorter).rstrip(" .!?")
    if not folded_longer.startswith(folded_shorter):
        return False
    rest = folded_longer[len(folded_shorter) :]
    return bool(_SITE_SEPARATOR.match(rest)) and len(rest.split()) <= 7


def _drop_repeated_title(lines: list[str], title: str) -> list[str]:
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if title.strip():
        dropped = 0
        i = start
        while i < len(lines) and dropped < 3:
            if not lines[i].strip():
                i += 1
                continue
            if not _same_title(lines[i], title):
                break
            dropped += 1
            i += 1
        return lines[i:] if dropped else lines
    # no title: "Headline\n\nHeadline\n\nBody" -> keep the headline once
    first = start
    if first >= len(lines) or len(lines[first]) > 300:
        return lines
    i = first + 1
    removed = 0
    while i < len(lines) and removed < 2:
        if not lines[i].strip():
            i += 1
            continue
        if _key(lines[i]) != _key(lines[first]):
            break
        removed += 1
        i += 1
    if not removed:
        return lines
    return lines[: first + 1] + [""] + lines[i:]


# --------------------------------------------------------------------------- #
# main entry
# --------------------------------------------------------------------------- #
def _strip_tail(lines: list[str], kinds: list[str | None]) -> list[str]:
    i = len(lines)
    strong = False
    while i > 0:
        line, kind = lines[i - 1], kinds[i - 1]
        if not line.strip():
            i -= 1
            continue
        if kind is None:
            break
        strong = strong or kind in (STRONG, FURNITURE)
        i -= 1
    return lines[:i] if strong else lines


def strip_boilerplate(text: str, title: str = "") -> str:
    """Return the body with page furniture removed (see the module docstring).

    ``title`` is the article's (clean) title, used to drop its repetitions at
    the top of the body.  Blank-line runs left behind collapse to one blank
    line; the text is otherwise unchanged.
    """
    if not text:
        return ""
    text = _EMPTY_MD_LINK.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    lines = text.split("\n")
    lines = _drop_repeated_title(lines, title)

    kinds = [_classify(line) for line in lines]
    lines = _strip_tail(lines, kinds)
    kinds = kinds[: len(lines)]
    lines = [line for line, kind in zip(lines, kinds, strict=True) if kind != FURNITURE]

    out: list[str] = []
    for line in lines:
        line = line.strip()
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


_OUTLET = re.compile(r"\s+(?:[|–—]|-{1,2})\s+[^|–—]{2,60}$")


def strip_outlet(title: str) -> str:
    """A headline without the outlet or section an aggregator appended to it.

    At most two trailing pieces after ``|``, ``-`` or a dash go (``"X - WELT"``,
    ``"X | The China Post"``, ``"… sources say | ExBulletin"``), each of at most
    seven words, and never the first third of the headline, so a dash inside it
    stays (``"Tokyo 2020 - Japan win three more gold medals"``).

    >>> strip_outlet("Tokyo counts cost of $15 billion Olympics gamble | Inquirer Sports")
    'Tokyo counts cost of $15 billion Olympics gamble'
    >>> strip_outlet("Tokyo 2020 - Japan win three more gold medals")
    'Tokyo 2020 - Japan win three more gold medals'
    """
    stripped = title
    for _ in range(2):
        m = _OUTLET.search(stripped)
        if not m or len(m.group(0).split()) > 7 or m.start() < len(stripped) // 3:
            break
        stripped = stripped[: m.start()]
    return stripped
