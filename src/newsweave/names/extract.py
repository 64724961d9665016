"""Find name spans (people, places, organisations) in text, script by script.

Consonant skeletons collide between ordinary words (especially Arabic ones, which
have no capitals and no written short vowels), so names are found first:

* **Latin, Cyrillic, Greek** (Vietnamese included): runs of capitalised tokens,
  with inner particles (``al-``, ``el``, ``de``, ``da``, ``van``, ``von``, ``bin``,
  ``ibn`` ...) and spaced ``al - Qasr`` forms of pre-tokenized text.  A
  sentence-initial word that is a function word is dropped; a sentence-initial
  word standing alone counts only when it is also capitalised mid-sentence, is
  a known place, or (not Vietnamese) is neither a common word nor seen in lower
  case.  In Title Case Headlines every non-function capitalised word is its own
  name unless the body writes the pair together.  All-caps acronyms (IOC, SANA)
  are names.  Vietnamese capitalises every syllable of a name, so ``Quân_đội``
  (sentence-initial) is not one.
* **Arabic**: cues.  Head words that belong to the name (``باب``, ``بستان``,
  ``كرم``, ``جسر``, ``الشيخ`` ...) take the next word (``باب الحديد``);
  context words (``حي``, ``أحياء``, ``مدينة``, ``الرئيس`` ...) mark the words
  after them; lists after ``أحياء`` run on through ``و``/``،``; ``X الدين``/
  ``X الله`` compounds; known given names start person names; words that the
  gazetteer knows (countries, large cities) and short quoted words are names.
  Nothing in the stoplist (~500 function and common news words) is a name.
* **CJK**: gazetteer names found inside Han runs (``东京``), and runs of
  characters used to transcribe foreign names (``拜尔斯``); katakana runs in
  Japanese.
* Other scripts (Georgian, Thai ...): no rule, no names.

Every span carries :func:`newsweave.names.keys.name_key` of its text; spans
whose key is garbage are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from newsweave.names.keys import name_key, romanize

__all__ = [
    "NameSpan",
    "name_spans",
    "name_spans_in_context",
    "common_words",
    "distinctive_parts",
    "acronym_key",
    "demonym_country",
    "GENERIC_HEADS",
]


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A name found in a string: ``text == source[start:end]``; ``key`` = its name key."""

    text: str
    start: int
    end: int
    key: str


# =========================================================================== lexicon
# Function words and frequent sentence starters, written for this module.

_W = str.split

_STOP = {
    "en": _W(
        """a an the and or but nor so yet if then than that this these those there here
        when where while who whom whose which what why how all any both each every few
        many more most much some such no not only own same other another i you he she
        it we they me him her us them my your his its our their mine yours ours theirs
        is are was were be been being am has have had having do does did doing can could
        shall should will would may might must in on at by for with about against
        between into through during before after above below to from up down out off
        over under again further once of as per via also however meanwhile meantime
        according based since until unless although though because despite amid among
        among also just still even now today yesterday tomorrow tonight last next new
        old first second third one two three four five six seven eight nine ten
        hundreds thousands dozens several some reports report sources source officials
        official field during earlier later then thus therefore furthermore moreover
        besides instead indeed perhaps maybe please yes no breaking live update updates
        watch video photos photo exclusive opinion analysis editorial news latest
        said says say told tells will won wins win lose loses lost gets get got sets set
        makes make made takes take took goes go went comes come came how why what who
        mr mrs ms dr st after before inside outside near across toward towards within
        without around along behind beyond beside upon onto than like unlike
        january february march april may june july august september october november
        december monday tuesday wednesday thursday friday saturday sunday
        day days week weeks month months year years hours hour minutes time times
        army forces troops militants terrorists government people world
        team teams sport sports game games athlete athletes player players coach fans
        final finals semifinal semifinals match matches medal medals gold silver bronze
        record records event events race races round heat heats village ceremony
        opening closing positive positives test tests case cases covid-positive
        olympian olympians olympic-size women men woman man girl girls boy boys
        star stars champion champions championship history historic top best big
        here's what's how's it's that's there's who's newspaper website official
        online daily weekly magazine""",
    ),
    "fr": _W(
        """le la les l un une des du de d au aux et ou mais donc or ni car que qui quoi
        dont où ce cet cette ces son sa ses leur leurs mon ma mes ton ta tes notre nos
        votre vos il elle ils elles on nous vous je tu se lui y en ne pas plus moins
        très tout tous toute toutes autre autres même aussi ainsi alors puis après avant
        depuis pendant selon sans sous sur dans par pour avec chez entre vers contre
        lors dès malgré parmi comme quand si est sont était étaient être été a ont avait
        avaient fait faire peut peuvent doit doivent va vont certains certaines
        plusieurs quelques chaque aucun aucune cependant toutefois néanmoins enfin
        d'abord ensuite hier aujourd'hui demain ici là voici voilà oui non suite
        poursuivant des les armée forces terroristes""",
    ),
    "es": _W(
        """el la los las lo un una unos unas y e o u ni pero sino que quien quienes cual
        cuales cuyo donde cuando como cuanto de del al a ante bajo con contra desde
        durante en entre hacia hasta mediante para por según sin sobre tras este esta
        estos estas ese esa esos esas aquel aquella su sus mi mis tu tus nuestro
        nuestra nuestros vuestro él ella ellos ellas yo nosotros usted ustedes se le
        les me te nos es son era eran fue fueron ser estar está están ha han había
        hay tiene tienen puede pueden muy más menos también tampoco ya aún todavía
        así además después antes luego hoy ayer mañana aquí allí sí no cada todo
        todos toda todas otro otra otros otras mismo misma algunos algunas varios""",
    ),
    "pt": _W(
        """o a os as um uma uns umas e ou mas nem que quem qual quais cujo onde quando
        como de do da dos das ao aos à às em no na nos nas num numa por pelo pela
        pelos pelas para com sem sob sobre entre até após ante contra desde durante
        perante segundo este esta estes estas esse essa esses essas aquele aquela isto
        isso aquilo seu sua seus suas meu minha meus minhas nosso nossa ele ela eles
        elas eu nós você vocês se lhe lhes me te é era eram foi foram ser estar
        está estão tem têm há havia pode podem muito mais menos também já ainda assim
        além depois antes hoje ontem amanhã aqui ali sim não cada todo todos toda todas
        outro outra outros outras mesmo mesma alguns algumas vários""",
    ),
    "de": _W(
        """der die das den dem des ein eine einer einem einen eines und oder aber doch
        sondern denn dass daß wer wen wem wessen was welche welcher welches wo wann wie
        warum von vom zu zum zur bei beim mit nach seit aus auf an am im in ins über
        unter vor hinter neben zwischen durch für gegen ohne um bis während wegen trotz
        dieser diese dieses jener jene sein seine ihr ihre mein meine unser unsere er
        sie es wir ihr ich du man sich ist sind war waren wird werden wurde wurden hat
        haben hatte hatten kann können muss müssen soll sollen will wollen nicht kein
        keine auch noch schon nur sehr mehr weniger hier dort heute gestern morgen
        jetzt dann so als wenn ob alle alles jeder jede jedes viele einige mehrere""",
    ),
    "it": _W(
        """il lo la i gli le un uno una e ed o ma che chi cui dove quando come di del
        della dei delle degli al alla ai alle a da dal dalla in nel nella nei con su
        sul sulla per tra fra questo questa questi queste quello quella suo sua suoi
        sue è sono era erano ha hanno non più anche già ancora oggi ieri domani""",
    ),
    "sl": _W(
        """in ali pa da ki ko če kot tudi še že le ne ni so je sta bo bodo bil bila bilo
        so smo ste sem si v na z s iz za pri po pod nad pred med od do o k h proti brez
        ta to te ti tega tem tej teh ter njegov njen njihov kaj kdo kje kdaj kako zakaj
        vse vsi vsak vsaka danes včeraj jutri tukaj tam""",
    ),
    "ru": _W(
        """и а но или да нет не ни что кто где когда как почему зачем какой какая какие
        каких сколько чей это этот эта эти тот та те то он она оно они мы вы я ты его
        ее её их им ему ей нас вас в во на с со к ко по о об от до из за при про для
        без над под перед после через между у же ли бы вот уже еще ещё также тоже
        только очень все всё всех весь вся каждый сегодня вчера завтра здесь там был
        была было были будет будут есть может могут должен нужно около более менее
        игроки игрок сборная сборной сборную команда команды спортсмены спортсмен
        спортсменка тренер болельщики матч финал медаль медали золото серебро бронза
        глава СМИ смотрите видео фото""",
    ),
    "uk": _W(
        """і й та але або що хто де коли як чому це цей ця ці той він вона воно вони ми
        ви я в у на з із до від за при про для без над під після через між вже ще також""",
    ),
    "vi": _W(
        """các những một hai ba và với của cho trong ngoài trên dưới sau trước khi thì mà
        là có không được bị đã đang sẽ vẫn cũng này đó kia ấy nào gì ai đâu bao nhiêu
        theo từ đến tại ở vào ra lên xuống về hiện nay hôm qua mai ngày tháng năm lúc
        như nhưng nếu vì do nên tuy dù rằng để bởi ông bà anh chị em tôi chúng họ nó
        mình ta đây rất lắm nhiều ít mọi mỗi cả tất thế vậy sau_khi trong_khi
        đồng_thời ngoài_ra tuy_nhiên theo_đó bên_cạnh trước_đó sau_đó hiện_nay
        lực_lượng quân_đội binh_sĩ""",
    ),
    "el": _W("""ο η το οι τα του της των τον την και ή αλλά σε στο στη στον στην με για από"""),
}

# Words that head or qualify a name but are not distinctive on their own.
GENERIC_HEADS = frozenset(
    _W(
        """bab bustan boustan bostan karam karm karama tal tel tell jisr souq souk suq
        hay harat qalaat qalat madinat jabal jebel wadi ain ayn deir dayr kafr beit bayt
        burj ras khan maskan masaken sheikh cheikh shaikh shaykh sheik abu abou umm
        citadel gate square bridge district districts street road quarter camp market
        river mount mountain lake city province governorate airport university
        stadium hospital mosque church palace port station village town neighborhood
        neighbourhood area region saint san santa st fort""",
    )
)

# Adjectival directions and qualifiers stripped from the edges of a Latin span.
_EDGE_MODIFIERS = frozenset(
    _W(
        """eastern western northern southern northeastern northwestern southeastern
        southwestern central greater old new upper lower east-end
        восточный западный северный южный""",
    )
)

# Words that are never a name on their own (directions, generic nouns).
_LONE_STOP = frozenset(
    _W(
        """north south east west northeast northwest southeast southwest northward
        southward eastward westward northeastern northwestern southeastern southwestern
        nord sud est ouest norte sur este oeste leste nordeste sudeste noroeste sudoeste
        süd ost nordost südost север юг восток запад south-east south-west north-east
        north-west""",
    )
)
# Generic place words dropped from the end of a longer span: "Bab al-Hadid Square".
_TRAILING_GENERIC = frozenset(
    _W(
        """square district districts neighborhood neighbourhood quarter province
        governorate city area region countryside suburb suburbs""",
    )
)

# Titles stripped from the start of a span: "President Thomas Bach" -> "Thomas Bach".
_TITLES = frozenset(
    _W(
        """president minister prime king queen prince princess emperor pope general
        colonel col gen lt major captain commander dr mr mrs ms sir lord lady
        senator governor mayor chancellor coach director chairman chief spokesman
        président ministre roi reine général docteur madame monsieur
        presidente ministro rey reina príncipe
        präsident minister könig kanzler
        президент премьер министр глава генерал тренер""",
    )
)

# --------------------------------------------------------------------------- Arabic
# All forms are given folded (see _ar_fold) and without the article.

_AR_STOP_TEXT = """
في فى من إلى الى على علي عن مع منذ حتى عند لدى بين خلال ضد نحو حول دون عبر قبل بعد
فوق تحت أمام امام وراء خلف لكن لكنه بل أو او أم ثم إن ان أن إذا اذا لو لم لن لا ما
هل قد كي لكي حيث كما مثل غير سوى كل بعض جميع أي اي هذا هذه ذلك تلك هؤلاء الذي التي
الذين اللذين اللتين اللاتي هو هي هم هن أنا انا نحن أنت انت انتم أنتم له لها لهم لنا
به بها بهم فيه فيها فيهم منه منها منهم عليه عليها عليهم عنه عنها إليه اليه إليها
لديه لديها ذاته نفسه نفسها وقد فقد وكان كان كانت كانوا يكون تكون يكن تم تمت يتم
وكذلك كذلك أيضا ايضا فقط حاليا اليوم أمس امس غدا الآن الان عاما سنة السنة العام
عام يوم الأسبوع الاسبوع الشهر شهر ساعة ساعات الساعة دقيقة أول اول الأول الاول أولى
الثاني الثانية ثاني ثالث الثالث آخر اخر الأخير الاخير الأخيرة أخرى اخرى الأخرى
كبير كبيرة الكبير الكبرى جديد جديدة الجديد الجديدة أكثر اكثر أقل اقل أكبر اكبر أبرز
ابرز أهم اهم عدد عدة عدد من نحو قرابة حوالي واحد واحدة اثنين اثنان ثلاث ثلاثة أربع
أربعة خمس خمسة ستة سبعة ثمانية تسعة عشرة مئة مائة ألف الف آلاف الاف مليون
قال قالت يقول تقول أكد اكد أكدت اكدت يؤكد تؤكد أعلن اعلن أعلنت اعلنت يعلن تعلن
أضاف اضاف أضافت اضافت أشار اشار أشارت اشارت ذكر ذكرت أفاد افاد أفادت نقل نقلت نقلتها
أوضح اوضح بدأ بدأت يبدأ تبدأ بدأوا يبدأون أصبح اصبح أصبحت صار يمكن ينبغي يجب وصل
وصلت يصل تصل جاء جاءت يأتي شارك شاركت يشارك تشارك يشاركون مشاركة المشاركة
تواصل يواصل واصل واصلت أعادت اعادت أعاد يعيد خرج خرجت فقدوا فقد تسيطر يسيطر سيطر
سيطرت تدعمه تضمنه نفت نفى تسلموا تسلم شكلتها كانت بانتظارهم تقدمها تقدم تقدمت
يحمل تحمل يحملان يحملون حمل يستعد تستعد يصل تتطلع يتطلعون يمثلون يمثل تمثل تمثيل
الجيش جيش الجيوش القوات قوات قوة القوة وحدات الوحدات الحكومة حكومة الحكومية الدولة
دولة الدول دول المعارضة معارضة المسلحين المسلحون مسلحين الإرهابيين الارهابيين
الإرهابيون ارهابيين إرهابيين الإرهابية الارهابية الإرهابي الارهابي إرهابي
التنظيمات تنظيمات الجماعات جماعات
المدنيين المدنيون مدنيين مدني مدنى المواطنين مواطنين السكان الأهالي الاهالي
مصدر مصادر المصدر المصادر عسكري عسكرى العسكري العسكرى العسكرية عسكرية إعلامية
اعلامية الإعلام الاعلام وسائل تصريحات تصريح بيان البيان تقرير تقارير الأنباء
الانباء أنباء انباء خبر أخبار اخبار صحيفة جريدة مراسل
الأمن الامن الأمنية الامنية الاستقرار السلام الحرب حرب المعارك معارك القتال
اشتباكات الاشتباكات هجوم الهجوم هجمات قصف القصف غارات الغارات عملية العملية
عمليات العمليات تحرير التحرير سيطرة السيطرة انسحاب الانسحاب اتفاق الاتفاق
هدنة الهدنة وقف إطلاق اطلاق النار ممر آمن امن الخروج خروج دخول الدخول نقل
الأحياء الاحياء المناطق المنطقة المدينة المدن الشوارع الساحات الجهة الجنوبية
الشمالية الشرقية الغربية الجنوبي الشمالي الشرقي الغربي جنوب شمال شرق غرب وسط
الوسط داخل خارج قرب بالقرب أطراف اطراف محيط ريف الريف
الألغام الالغام العبوات الناسفة الهندسة الطيران الجوي الجوية الروسي الروسى الروسية
السوري السورى السورية الأمريكي الامريكي الأمريكية الاميركية الأميركي التركي التركية
الإيراني الايراني العراقي اللبناني المصري المصرية السعودي السعودية الأولمبي
الاولمبي الأولمبية الاولمبية الأولمبياد الاولمبياد الدولي الدولية الوطني الوطنية
الرياضة الرياضي الرياضية الرياضيين الرياضيون رياضي رياضيا لاعب لاعبين اللاعبين
المنتخب منتخب المنتخبات الفريق فريق البطولة بطولة الألعاب الالعاب ألعاب العاب
دورة الدورة مباراة المباراة المباريات الميدالية ميدالية الميداليات ذهبية الذهبية
فضية برونزية الجودو جودو السلة كرة القدم التنس السباحة الملاكمة
المصارعة الجمباز الرماية التجديف الرياضات رياضة السباق سباق
منافسات المنافسات افتتاح الافتتاح حفل الحفل البعثة بعثة
الجماهير جمهور اللجنة لجنة الاتحاد اتحاد رئيس الرئيس نائب وزير الوزير وزارة الوزارة
مسؤول مسئول مسؤولون مسئولون المسؤولين المسئولين أحد احد إحدى احدى بعض معظم أغلب
نتيجة إيجابية ايجابية سلبية إصابة اصابة إصابات اصابات فيروس كورونا الجائحة جائحة
حالة حالات الحالات وفاة وفيات الصحة صحة الصحية طبي الطبية مستشفى
التي الذى التى إنه انه إنها انها أنه أنها لأن لان لذلك وذلك وهو وهي فيما بينما
بموجب وفق وفقا حسب بحسب إثر اثر بسبب نتيجة لصالح ضمن أجل اجل لأجل بشأن حول
الكثير كثير كثيرة قليل قليلة جدا أيضا تماما فقط ربما لقد وسط ظل تحت اطار إطار
المقبل المقبلة الماضي الماضية الحالي الحالية السابق السابقة القادم القادمة
معنويات انهيار إزالة ازالة زرعها اندحارهم فرارهم الفارين الباقون أقارب اقارب
مراكز إقامة اقامة مؤقتة المعاونة المعاونه الحليفة بالتعاون التعاون دعم بدعم
انتصاراته انتصارات الاستقبال استقبال فرق المواطنين محافظة محافظات معابر معبر
قوله قولها وقال وقالت عقب أمل الأمل آمال امال
صور الصور فيديو بالفيديو بالصور مقترحا مقترح
التوصل أى أي الأطراف الاطراف قبول حالة المدنيين يقرب يقارب لاجتثاث
دقيقة عمليات وصولا وصول باتجاه اتجاه الأمن والاستقرار الأمم المتحدة المتحدة
الولايات العالم عالم العربي العربية العرب الأجنبية
"""

# Heads that are part of the name: the next word completes it (باب الحديد).
_AR_HEADS_TEXT = """
باب بستان كرم جسر سوق قلعة تل جبل دير عين كفر بيت برج رأس راس خان مخيم
حارة مرج قصر جامع مسجد كنيسة حزب جيش حركة جبهة لواء كتائب سرايا
أنصار انصار فيلق تيار نهر وادي بحيرة جزيرة خليج بحر أبو ابو أم ام عبد بني آل ال
مساكن قاضي قاضى بوابة
"""
# Heads carrying their own article, also part of the name (الشيخ سعيد).
_AR_HEADS_ART_TEXT = "الشيخ الشيخة"
# Context words: the name follows, the context word is not part of it.
_AR_PLACE_CONTEXT_TEXT = """
حي أحياء احياء مدينة مدن منطقة مناطق بلدة بلدات قرية قرى محافظة ريف ناحية العاصمة
عاصمة إقليم اقليم ولاية مقاطعة دوار ساحة شارع مطار جامعة مستشفى معبر ملعب
"""
_AR_LIST_CONTEXT_TEXT = "أحياء احياء مناطق بلدات قرى مدن"
_AR_PERSON_CONTEXT_TEXT = """
الرئيس رئيس الوزير وزير الملك الأمير الامير السيد السيدة العميد اللواء العقيد
الجنرال النائب المتحدث الناطق المبعوث الأمين الامين المدرب مدرب اللاعب اللاعبة
لاعب لاعبة البطل البطلة بطل بطلة العداء العداءة السباح السباحة المصارع نجم نجمة
الإمبراطور الامبراطور إمبراطور امبراطور الدكتور المستشار تنظيم جماعة
"""
# Words between a person title and the name: وزير [الخارجية] سيرغي لافروف
_AR_OFFICE_TEXT = """
الخارجية الدفاع الداخلية الوزراء الجمهورية الحكومة المجلس الاتحاد اللجنة الأولمبية
الاولمبية الدولية الدولي الرياضة الشباب الأنباء الانباء العام العامة السابق الجديد
التنفيذي الصحة الإعلام الاعلام
"""
# Unambiguous given names (folded) that open a person name.
_AR_GIVEN_TEXT = """
محمد أحمد احمد محمود خالد حسين يوسف إبراهيم ابراهيم مصطفى فهد فيصل سلمان ناصر طارق
سمير رامي سامي ماجد وليد زياد نزار بلال إسماعيل اسماعيل نبيل حمزة راشد منصور عيسى
موسى جعفر عباس قاسم هاشم مراد فاطمة عائشة مريم زينب سارة هند رانيا ريم تالا ياسمين
إيناس ايناس مهدي ياسر أيمن ايمن أسامة اسامة عماد أنس انس تميم بشار معتز مطيع حسن
"""
_AR_NAME_SECOND = {"الدين", "الله", "الدوله"}  # فخر الدين, نصر الله, سيف الدولة
_AR_PARTICLES = {"بن", "ابن", "بنت", "ابو", "أبو"}


_AR_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_AR_FOLD_T = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})


def _ar_fold(w: str) -> str:
    return _AR_MARKS.sub("", w).translate(_AR_FOLD_T)


def _ar_strip_article(w: str) -> tuple[str, bool]:
    """(folded core, had article) of a folded word; clitics و/ف/ب/ك/ل handled."""
    if len(w) > 4 and w[0] in "وفبك" and w[1:3] == "ال":
        return w[3:], True
    if len(w) > 3 and w.startswith("لل"):
        return w[2:], True
    if len(w) > 3 and w.startswith("ال"):
        return w[2:], True
    return w, False


def _ar_set(text: str) -> frozenset[str]:
    out = set()
    for w in text.split():
        f = _ar_fold(w)
        out.add(f)
        core, _ = _ar_strip_article(f)
        out.add(core)
    return frozenset(out)


AR_STOP = _ar_set(_AR_STOP_TEXT)
_AR_HEADS = frozenset(_ar_fold(w) for w in _AR_HEADS_TEXT.split())
_AR_HEADS_ART = frozenset(_ar_fold(w) for w in _AR_HEADS_ART_TEXT.split())
_AR_PLACE_CTX = frozenset(_ar_fold(w) for w in _AR_PLACE_CONTEXT_TEXT.split())
_AR_LIST_CTX = frozenset(_ar_fold(w) for w in _AR_LIST_CONTEXT_TEXT.split())
_AR_PERSON_CTX = frozenset(_ar_fold(w) for w in _AR_PERSON_CONTEXT_TEXT.split())
_AR_OFFICE = frozenset(_ar_fold(w) for w in _AR_OFFICE_TEXT.split())
_AR_GIVEN = frozenset(_ar_fold(w) for w in _AR_GIVEN_TEXT.split())


def common_words() -> frozenset[str]:
    """Every stopword of every language (lower case; Arabic folded)."""
    return _all_stop()


@lru_cache(maxsize=1)
def _all_stop() -> frozenset[str]:
    out: set[str] = set()
    for words in _STOP.values():
        out.update(words)
    out.update(AR_STOP)
    out.update(_AR_PLACE_CTX | _AR_PERSON_CTX | _AR_HEADS | _AR_OFFICE)
    return frozenset(out)


@lru_cache(maxsize=64)
def _stop_for(lang: str | None) -> frozenset[str]:
    if lang and lang in _STOP:
        return frozenset(_STOP[lang]) | frozenset(_STOP["en"])
    return frozenset(w for k, ws in _STOP.items() for w in ws)


# =========================================================================== tokens

_TOKEN = re.compile(r"[^\W_](?:[\w'’\-]*[^\W_])?")
_SENT_END = re.compile(r"[.!?。！？:;…|\n\r•·]|\s-\s|\s–\s|\s—\s")
_SPAN_BREAK = re.compile(r"[,،؛()\[\]{}\"“”«»„/\\|<>+=*#@&%$…!?.:;\n\r]")
_JOIN_GAP = re.compile(r"\s{1,2}|\s*-\s*")
_SPACE_GAP = re.compile(r"[ \t\u00a0]{1,2}")
_SPACED_APOS = re.compile(r"\s+['’`]\s+")
_ART_PREFIX = re.compile(
    r"^(?:al|el|ad|ed|as|es|ash|esh|at|et|ath|adh|ar|er|az|ez|an|en|ul|al'|аль|эль|ас|ад|ат|ан|ар)"
    r"[-‑](?=\w)",
    re.IGNORECASE,
)
_SPACED_PARTICLES = {"al", "el", "ad", "as", "ash", "at", "ar", "az", "an", "ath", "ed", "es"}
_INNER_PARTICLES = {
    "al",
    "el",
    "ad",
    "ar",
    "as",
    "ash",
    "at",
    "az",
    "an",
    "ath",
    "de",
    "da",
    "do",
    "dos",
    "das",
    "del",
    "della",
    "di",
    "du",
    "des",
    "van",
    "von",
    "der",
    "den",
    "ter",
    "bin",
    "ibn",
    "bint",
    "ben",
    "la",
    "le",
    "y",
    "аль",
    "эль",
    "ибн",
    "бен",
    "бин",
    "де",
    "да",
    "ван",
    "фон",
}


def _script(ch: str) -> str:
    o = ord(ch)
    if o < 0x250 or 0x1E00 <= o <= 0x1EFF:
        return "latin"
    if 0x400 <= o <= 0x52F:
        return "cyrillic"
    if 0x370 <= o <= 0x3FF or 0x1F00 <= o <= 0x1FFF:
        return "greek"
    if 0x600 <= o <= 0x6FF or 0x750 <= o <= 0x77F or 0x8A0 <= o <= 0x8FF or 0xFB50 <= o <= 0xFEFF:
        return "arabic"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
        return "han"
    if 0x30A0 <= o <= 0x30FF:
        return "katakana"
    if 0x3040 <= o <= 0x309F:
        return "hiragana"
    return "other"


#: letter -> script, filled as letters are met (the tokenizer asks for every word)
_SCRIPT_OF: dict[str, str] = {}


def _script_of(ch: str) -> str:
    script = _SCRIPT_OF[ch] = _script(ch)
    return script


@dataclass(slots=True)
class _Tok:
    text: str
    start: int
    end: int
    script: str
    sent_start: bool = False
    gap_before: str = ""
    line_title: bool = False
    possessive: bool = False


_LOWER_TAIL = re.compile(r"-[a-zà-öø-ÿа-я][a-zà-öø-ÿа-я]{3,}$")
_YEAR_SUFFIX = re.compile(r"[-‐]\d+$")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_ELIDED = re.compile(
    r"^(?:[ldjmnstcLDJMNSTC]|qu|Qu|jusqu|lorsqu|puisqu|dell|all|nell|sull)['’](?=\w)"
)


_INITIAL_GAP = re.compile(r"\.[ \t]{1,2}")


def _is_initial(toks: list[_Tok]) -> bool:
    """The last token is a middle initial (``W`` of ``George W. Bush``)."""
    if len(toks) < 2:
        return False
    t = toks[-1].text
    return len(t) == 1 and t.isupper() and t.isalpha() and _is_upper_initial(toks[-2].text)


def _tokenize(text: str) -> list[_Tok]:
    """Word tokens with their script, the gap before them and sentence starts.

    Tokens without letters (numbers) are skipped, but the gap of the next token
    starts after the previous *kept* token, so "Tokyo 2020 Olympics" is not one
    run.  French/Italian elisions (d'Alep, l'armée) start after the apostrophe.
    """
    toks: list[_Tok] = []
    prev_end = 0
    sent = True
    # the regex tests below are skipped when a cheap test shows they cannot
    # match (most words have no apostrophe or hyphen, most gaps are one space):
    # the tokenizer runs on every title and text, for the weaver and for entities
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        word = m.group(0)
        apostrophe = "'" in word or "’" in word
        if apostrophe:
            el = _ELIDED.match(word)
            if el:
                s += el.end()
                word = word[el.end() :]
        first_alpha = word[0] if word[0].isalpha() else next((c for c in word if c.isalpha()), "")
        gap = " " if s - prev_end == 1 and text[prev_end] == " " else text[prev_end:s]
        if not first_alpha:
            if gap != " " and _SENT_END.search(gap):
                sent = True
            continue
        if (
            gap != " "
            and _SENT_END.search(gap)
            and not (_INITIAL_GAP.fullmatch(gap) and _is_initial(toks))
        ):
            sent = True
        if "-" in word or "‐" in word:
            tail = _LOWER_TAIL.search(word)
            if tail and tail.start() > 1 and word[0].isupper():
                word = word[: tail.start()]  # "Aleppo-based", "Shiite-populated"
                e = s + len(word)
            yr = _YEAR_SUFFIX.search(word)
            if yr and yr.start() > 1:
                word = word[: yr.start()]
                e = s + len(word)
        poss = _POSSESSIVE.search(word) if apostrophe else None
        if poss and len(word) > 3:
            word = word[: poss.start()]
            e = s + len(word)
        script = _SCRIPT_OF.get(first_alpha) or _script_of(first_alpha)
        if script == "arabic" and "-" in word:  # "طوكيو-سلة": two words
            for part in re.finditer(r"[^-]+", word):
                ps, pe = s + part.start(), s + part.end()
                toks.append(_Tok(part.group(0), ps, pe, script, sent, text[prev_end:ps]))
                sent = False
                prev_end = pe
            continue
        toks.append(_Tok(word, s, e, script, sent, gap, False, poss is not None))
        sent = False
        prev_end = e
    _mark_title_lines(toks)
    return toks


def _mark_title_lines(toks: list[_Tok]) -> None:
    """Flag the tokens of lines written in Title Case (or ALL CAPS)."""
    start = 0
    for k in range(len(toks) + 1):
        if k == len(toks) or (k > start and ("\n" in toks[k].gap_before)):
            line = toks[start:k]
            if _title_case(line) or _all_caps_text(line):
                for t in line:
                    t.line_title = True
            start = k


# =========================================================================== Latin & co.

_CASED = {"latin", "cyrillic", "greek"}


@lru_cache(maxsize=65536)
def _is_upper_initial(word: str) -> bool:
    c = word[:1]
    if not c.isalpha():
        c = next((c for c in word if c.isalpha()), "")
    return bool(c) and c.isupper()


@lru_cache(maxsize=65536)
def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters) and "-" not in word


def _is_vi_name_token(word: str) -> bool:
    """Vietnamese: every syllable of a name is capitalised (Hồ_Chí_Minh, not Quân_đội)."""
    return all(_is_upper_initial(s) for s in word.split("_") if s)


def _is_cap(tok: _Tok, lang: str | None) -> bool:
    w = tok.text
    if _ART_PREFIX.match(w):
        rest = _ART_PREFIX.sub("", w)
        return _is_upper_initial(rest)
    if not _is_upper_initial(w):
        return False
    if "_" in w and (lang == "vi" or lang is None):
        return _is_vi_name_token(w)
    return True


@lru_cache(maxsize=65536)
def _fold_word(w: str) -> str:
    return unicodedata.normalize("NFC", w).casefold().replace("’", "'")


class _Doc:
    """What the whole text says about words: seen lower-case, capitalised mid-sentence."""

    def __init__(self, toks: list[_Tok]):
        self.lower: set[str] = set()
        self.cap_mid: set[str] = set()
        self.cap_pairs: set[tuple[str, str]] = set()
        prev: _Tok | None = None
        for t in toks:
            if t.script not in _CASED:
                prev = None
                continue
            f = _fold_word(t.text)
            bare = _ART_PREFIX.sub("", t.text) if "-" in t.text or "‑" in t.text else t.text
            if _is_upper_initial(bare):
                if not t.sent_start and not t.line_title:
                    self.cap_mid.add(f)
                    if prev is not None and _SPACE_GAP.fullmatch(t.gap_before):
                        self.cap_pairs.add((_fold_word(prev.text), f))
                prev = t
            else:
                self.lower.add(f)
                prev = None


def _all_caps_word_line(toks: list[_Tok], i: int) -> bool:
    """toks[i] is in an ALL CAPS line (its caps say nothing about being an acronym)."""
    k = i
    while k > 0 and "\n" not in toks[k].gap_before:
        k -= 1
    j = i + 1
    while j < len(toks) and "\n" not in toks[j].gap_before:
        j += 1
    return _all_caps_text(toks[k:j])


def _title_case(toks: list[_Tok]) -> bool:
    words = [t for t in toks if t.script in _CASED and len(t.text) >= 4 and t.text.isalpha()]
    if len(words) < 3:
        return False
    rest = words[1:]
    lower = sum(1 for t in rest if not _is_upper_initial(t.text))
    return len(rest) - lower >= 2 and lower <= 0.15 * len(rest)


def _all_caps_text(toks: list[_Tok]) -> bool:
    words = [t for t in toks if t.script in _CASED and len(t.text) >= 3]
    return len(words) >= 3 and sum(1 for t in words if t.text.isupper()) >= 0.6 * len(words)


def _latin_spans(
    toks: list[_Tok], lang: str | None, doc: _Doc, ctx_doc: _Doc | None
) -> list[tuple[int, int, list[_Tok]]]:
    stop = _stop_for(lang)
    out: list[tuple[int, int, list[_Tok]]] = []
    i, n = 0, len(toks)

    def _cap(t: _Tok) -> bool:
        w = t.text
        if t.script not in _CASED:
            return False
        if w[0].islower() and "-" not in w and "‑" not in w:
            return False  # most words: no capital, no "al-" before one
        if t.line_title and w.isupper():
            return True
        return _is_cap(t, lang) and not (_is_acronym(w) and not t.line_title)

    # each token's capital test once (the loop below asks about neighbours again)
    caps = [_cap(t) for t in toks]

    def spaced_article_start(k: int) -> bool:
        # "al - Kelaseh" in pre-tokenized text, "al-" glued handled by _ART_PREFIX
        t = toks[k]
        return (
            t.text.casefold() in _SPACED_PARTICLES
            and k + 1 < n
            and _JOIN_GAP.fullmatch(toks[k + 1].gap_before) is not None
            and caps[k + 1]
        )

    while i < n:
        t = toks[i]
        if t.script not in _CASED:
            i += 1
            continue
        if not caps[i] and t.text[0].islower() and t.text.casefold() not in _SPACED_PARTICLES:
            i += 1  # a lower-case word starts no name (the tests below would all fail)
            continue
        if _is_acronym(t.text) and not (t.line_title and _all_caps_word_line(toks, i)):
            out.append((i, i + 1, [t]))
            i += 1
            continue
        if spaced_article_start(i):
            j = i + 2
        elif caps[i]:
            j = i + 1
        else:
            i += 1
            continue
        while j < n:
            nt = toks[j]
            g = nt.gap_before
            if nt.script not in _CASED or toks[j - 1].possessive:
                break
            if _SPACED_APOS.fullmatch(g) and not _is_upper_initial(nt.text):
                j += 1  # "Da ' ada": ayin written as a spaced apostrophe
                continue
            if not _SPACE_GAP.fullmatch(g) and not (
                _INITIAL_GAP.fullmatch(g) and _is_initial(toks[:j]) and j - i >= 2 and caps[j]
            ):
                break
            if caps[j] and not _is_acronym(nt.text):
                j += 1
                continue
            if (
                nt.text.casefold() in _INNER_PARTICLES
                and j + 1 < n
                and _JOIN_GAP.fullmatch(toks[j + 1].gap_before)
                and caps[j + 1]
            ):
                j += 2
                continue
            break
        run = toks[i:j]
        out.extend(_split_run(run, stop, run[0].line_title, doc, ctx_doc, lang))
        i = j
    return out


def _split_run(
    run: list[_Tok],
    stop: frozenset[str],
    title_mode: bool,
    doc: _Doc,
    ctx_doc: _Doc | None,
    lang: str | None,
) -> Iterable[tuple[int, int, list[_Tok]]]:
    """Split a capitalised run at function words; apply sentence-initial and title rules."""
    pieces: list[list[_Tok]] = []
    cur: list[_Tok] = []
    for k, t in enumerate(run):
        low = _fold_word(t.text)
        is_inner = low in _INNER_PARTICLES and (
            0 < k < len(run) - 1
            or (
                k == 0
                and len(run) > 1
                and _JOIN_GAP.fullmatch(run[1].gap_before) is not None
                and low in _SPACED_PARTICLES
                and "-" in run[1].gap_before
            )
        )
        is_stop = (low in stop and not is_inner) or (title_mode and _seen_lower(low, ctx_doc))
        if is_stop and cur and not title_mode and low in _NAME_INNER_OK:
            is_stop = False  # "AhlulBayt News Agency", "Sham Times Daily": part of the name
        if is_stop:
            if cur:
                pieces.append(cur)
            cur = []
            continue
        cur.append(t)
    if cur:
        pieces.append(cur)
    for piece in pieces:
        piece = _strip_edges(piece)
        if (
            len(piece) > 2
            and piece[0].sent_start
            and _fold_word(piece[1].text) in _INNER_PARTICLES
            and _fold_word(piece[0].text) not in doc.cap_mid
            and not _known_place(piece[0].text, lang)
        ):
            piece = piece[2:]  # "Medalhistas da Geórgia" at the start of a sentence
        elif len(piece) > 1 and piece[0].sent_start and _common_initial(piece[0], lang, False):
            piece = piece[1:]  # "Российская команда" at the start of a sentence
        if not piece:
            continue
        if len(piece) > 1 and lang in (None, "en") and demonym_country(piece[0].text):
            yield (0, 0, piece[:1])  # "Lebanese Hezbollah": the demonym apart
            piece = piece[1:]
            if _fold_word(piece[0].text) in _INNER_PARTICLES:
                continue
        if (
            len(piece) == 1
            and _common_initial(piece[0], lang, True)
            and _fold_word(piece[0].text) not in doc.cap_mid
            and not _known_place(piece[0].text, lang)
        ):
            continue
        if title_mode and len(piece) > 1 and not _has_inner_particle(piece):
            yield from _split_title_piece(piece, ctx_doc)
            continue
        if len(piece) == 1 and piece[0].sent_start and not _keep_initial(piece[0], doc, lang):
            continue
        yield (0, 0, piece)


# Stopwords that are part of a name when they sit between its capitalised words.
_NAME_INNER_OK = frozenset(_W("news times post daily weekly online official"))


def _has_inner_particle(piece: list[_Tok]) -> bool:
    return any(_fold_word(t.text) in _INNER_PARTICLES or _ART_PREFIX.match(t.text) for t in piece)


def _split_title_piece(piece: list[_Tok], ctx_doc: _Doc | None) -> Iterable:
    """Title Case: each word alone, unless the body writes neighbours together."""
    cur = [piece[0]]
    for t in piece[1:]:
        pair = (_fold_word(cur[-1].text), _fold_word(t.text))
        if ctx_doc is not None and pair in ctx_doc.cap_pairs:
            cur.append(t)
        else:
            yield (0, 0, cur)
            cur = [t]
    yield (0, 0, cur)


def _seen_lower(low: str, ctx_doc: _Doc | None) -> bool:
    return ctx_doc is not None and low in ctx_doc.lower and low not in ctx_doc.cap_mid


def _strip_edges(piece: list[_Tok]) -> list[_Tok]:
    while piece and (
        _fold_word(piece[0].text) in _EDGE_MODIFIERS or _fold_word(piece[0].text) in _TITLES
    ):
        piece = piece[1:]
    while piece and (
        _fold_word(piece[-1].text) in _EDGE_MODIFIERS
        or _fold_word(piece[-1].text) in _INNER_PARTICLES
        or (len(piece) > 1 and _fold_word(piece[-1].text) in _TRAILING_GENERIC)
    ):
        piece = piece[:-1]
    if len(piece) == 1 and _fold_word(piece[0].text) in _LONE_STOP:
        return []
    return piece


_RU_ADJ_END = re.compile(r"(?:ая|яя|ий|ый|ое|ее|ие|ые|ого|его|ому|ему|ых|их|ую|юю)$")
_RU_VERB_END = re.compile(r"(?:ал|ял|ил|ыл|ла|ли|ло|ют|ят|ет|ит|ут|ся|сь)$")
_DE_NOUN_END = re.compile(
    r"(?:ung|heit|keit|schaft|tion|sion|ität|tum|ismus|erin|innen|ment|chen|ling|"
    r"ierung|ieren|isch|ische|ischen)$"
)


def _common_initial(t: _Tok, lang: str | None, alone: bool = True) -> bool:
    """Ordinary words that capitalisation makes look like names.

    Russian/Ukrainian sentence-initial adjectives (``Российская``); German nouns
    (German capitalises every noun): words with a noun suffix, long compounds,
    hyphenated compounds of a lower-case part.
    """
    w = t.text
    if t.script == "cyrillic" and t.sent_start:
        low = w.casefold()
        if _RU_ADJ_END.search(low) or (alone and _RU_VERB_END.search(low)):
            return True
    if alone and lang == "de" and t.script == "latin":
        low = w.casefold()
        if _DE_NOUN_END.search(low) or (len(low) >= 12 and "-" not in low):
            return True
        if "-" in w and any(p and not p[0].isupper() for p in w.split("-")[1:]):
            return True
    return False


def _keep_initial(t: _Tok, doc: _Doc, lang: str | None) -> bool:
    """A lone sentence-initial capitalised word: is it a name?"""
    low = _fold_word(t.text)
    if low in doc.cap_mid or _ART_PREFIX.match(t.text):
        return True
    if _known_place(t.text, lang):
        return True
    if lang == "vi" or (lang is None and "_" in t.text):
        return False
    return low not in doc.lower


@lru_cache(maxsize=4096)
def demonym_country(word: str):
    """English demonym -> its country :class:`~newsweave.names.gazetteer.Place`, or None.

    ``Syrian``, ``Iraqi``, ``Japanese``, ``Palestinian``, ``Lebanese``, ``Turkish``.
    """
    from newsweave.names.gazetteer import lookup_place

    w = word.strip()
    if not w.isalpha() or len(w) < 5 or not w[0].isupper() or not w[1:].islower():
        return None
    low = w.casefold()
    cands: list[str] = []
    if low.endswith("ian"):
        cands += [w[:-1], w[:-3], w[:-3] + "e", w[:-3] + "a"]
    elif low.endswith("an"):
        cands += [w[:-1], w[:-2] + "a"]
    elif low.endswith("ese"):
        cands += [w[:-3], w[:-3] + "on", w[:-3] + "a"]
    elif low.endswith("ish"):
        cands += [w[:-3] + "ey", w[:-3] + "land", w[:-3]]
    elif low.endswith("i"):
        cands += [w[:-1]]
    for c in cands:
        p = lookup_place(c, "en", loose=False)
        if p is not None and p.kind == "country":
            return p
    return None


def _known_place(
    word: str, lang: str | None, min_population: int = 50_000, loose: bool = True
) -> bool:
    from newsweave.names.gazetteer import lookup_place

    return lookup_place(word, lang, min_population=min_population, loose=loose) is not None


# =========================================================================== Arabic


@dataclass(slots=True)
class _ArTok:
    tok: _Tok
    fold: str  # folded, clitic و/ف removed when it was one
    core: str  # fold without article
    art: bool
    conj: bool  # had a و/ف conjunction


def _ar_analyse(t: _Tok) -> _ArTok:
    f = _ar_fold(t.text)
    conj = False
    if len(f) > 3 and f[0] in "وف":
        rest = f[1:]
        r_core, r_art = _ar_strip_article(rest)
        if (
            r_art
            or rest in _AR_HEADS
            or rest in _AR_PLACE_CTX
            or rest in _AR_HEADS_ART
            or rest in _AR_GIVEN
            or (f not in AR_STOP and rest in AR_STOP)
        ):
            f, conj = rest, True
    # a clitic ب/ل/ك before a context word: لمدينة, بحي
    if len(f) > 3 and f[0] in "بلك" and f[1:] in (_AR_PLACE_CTX | _AR_PERSON_CTX):
        f = f[1:]
    core, art = _ar_strip_article(f)
    if art and _HAMZA_AL.match(_AR_MARKS.sub("", t.text)):
        core, art = f, False  # ألعاب, إلياس: a hamza, not the article
    return _ArTok(t, f, core, art, conj)


_HAMZA_AL = re.compile("^[وف]?[أإآ]ل")


def _ar_is_stop(a: _ArTok) -> bool:
    return a.fold in AR_STOP or a.core in AR_STOP


_AR_PRONOUN_END = ("ته", "ها", "هم", "هن", "كم", "نا")
_AR_DIRECTIONS = frozenset(
    _ar_fold(w)
    for w in _W("الشرقي الغربي الشمالي الجنوبي الشرقى الغربى الشمالى الجنوبى الأوسط الاوسط")
)


def _ar_nameish(a: _ArTok) -> bool:
    return (
        not _ar_is_stop(a)
        and len(a.core) >= 2
        and a.fold not in _AR_PLACE_CTX
        and a.fold not in _AR_PERSON_CTX
    )


def _ar_foreign_nameish(a: _ArTok) -> bool:
    """A word that can be (part of) a person name after a title or nationality."""
    return (
        _ar_nameish(a)
        and not a.art
        and not _ar_verbish(a)
        and not a.fold.endswith(_AR_PRONOUN_END)
        and not (len(a.fold) >= 5 and a.fold.endswith("يه"))  # صهيونية: an adjective
        and not _ar_nationality(a.core)  # جزائري
    )


def _arabic_spans(toks: list[_Tok], text: str, lang: str | None) -> list[tuple[int, int]]:
    """Character spans of Arabic names, by cue."""
    ar = [_ar_analyse(t) if t.script == "arabic" else None for t in toks]
    n = len(toks)
    spans: list[tuple[int, int]] = []
    used = [False] * n

    def joined(k: int) -> bool:
        """toks[k] directly follows toks[k-1] (no punctuation between)."""
        return (
            k < n
            and ar[k] is not None
            and not _SPAN_BREAK.search(toks[k].gap_before)
            and not ar[k].conj
        )

    def emit(a: int, b: int) -> None:
        # the first token may carry a conjunction و: start after it
        s = toks[a].start + (1 if ar[a].conj else 0)
        spans.append((s, toks[b - 1].end))
        for k in range(a, b):
            used[k] = True

    def head_span(k: int) -> int:
        """If toks[k] opens a head+name span, return its end index, else k."""
        a = ar[k]
        if a is None:
            return k
        if (a.fold in _AR_HEADS and not a.art) or a.fold in _AR_HEADS_ART:
            j = k + 1
            # دوار باب الحديد: chained heads
            while joined(j) and ar[j].fold in _AR_HEADS and not ar[j].art and j - k < 3:
                j += 1
            if joined(j) and _ar_nameish(ar[j]):
                end = j + 1
                if (
                    not ar[j].art
                    and ar[j].fold not in _AR_HEADS
                    and joined(end)
                    and ar[end].art
                    and _ar_nameish(ar[end])
                    and a.fold in _AR_HEADS_ART
                ):
                    end += 1  # الشيخ محمد الرميحي
                return end
        return k

    def person_span(k: int) -> int:
        """Given name (+ بن/أبو X) (+ X) (+ الX)."""
        j = k + 1
        steps = 0
        while j < n and joined(j) and steps < 3:
            b = ar[j]
            if b.fold in _AR_PARTICLES and joined(j + 1) and _ar_nameish(ar[j + 1]):
                j += 2
                steps += 1
                continue
            if _ar_is_stop(b) or b.fold in _AR_PLACE_CTX or b.fold in _AR_PERSON_CTX:
                break
            if b.art:
                if _ar_adjective(b) and b.core not in _AR_GIVEN:
                    break  # nisba adjectives (الجزائري) end the name
                j += 1
                break
            if not _ar_foreign_nameish(b):
                break
            j += 1
            steps += 1
        return j

    i = 0
    list_mode = False
    while i < n:
        a = ar[i]
        if a is None:
            list_mode = False
            i += 1
            continue
        if _SPAN_BREAK.search(toks[i].gap_before) and not re.search(r"[,،]", toks[i].gap_before):
            list_mode = False
        # ---- two-word places the gazetteer knows: الولايات المتحدة, المملكة المتحدة
        if joined(i + 1) and _known_place(
            toks[i].text + " " + toks[i + 1].text, lang, min_population=100_000, loose=False
        ):
            emit(i, i + 2)
            i += 2
            continue
        # ---- heads: باب الحديد, الشيخ سعيد, حزب الله
        end = head_span(i)
        if end > i:
            emit(i, end)
            list_mode = True  # a head name can open a list: الشيخ سعيد والشحادين
            i = end
            continue
        # ---- X الدين / X الله
        if joined(i + 1) and ar[i + 1].fold in _AR_NAME_SECOND and _ar_nameish(a) and not a.art:
            emit(i, i + 2)
            i += 2
            continue
        # ---- context words: حي الأصيلة, مدينة حلب, الرئيس بشار الأسد
        # (with its own article, "المناطق الخاضعة", the next word is an adjective)
        if a.fold in _AR_PLACE_CTX or (a.core in _AR_PLACE_CTX and a.core == "عاصمه"):
            j = i + 1
            if joined(j):
                end = head_span(j)
                if end == j and _ar_nameish(ar[j]):
                    end = j + 1
                    if (
                        not ar[j].art
                        and joined(end)
                        and ar[end].art
                        and _ar_nameish(ar[end])
                        and not _ar_adjective(ar[end])
                    ):
                        end += 1
                if end > j:
                    emit(j, end)
                    list_mode = a.fold in _AR_LIST_CTX or a.core in _AR_LIST_CTX or list_mode
                    i = end
                    continue
            list_mode = a.fold in _AR_LIST_CTX
            i += 1
            continue
        if a.fold in _AR_PERSON_CTX:
            j = i + 1
            skips = 0
            while joined(j) and skips < 3 and (ar[j].fold in _AR_OFFICE or _ar_adjective(ar[j])):
                j += 1
                skips += 1
            if joined(j) and _ar_foreign_nameish(ar[j]):
                end = person_span(j)
                emit(j, end)
                i = end
                continue
            i += 1
            continue
        # ---- nationality + name: الياباني تاكاتو, الأمريكي جو بايدن
        if (
            a.art
            and a.core.endswith("ي")
            and joined(i + 1)
            and _ar_foreign_nameish(ar[i + 1])
            and _ar_nationality(a.core)
        ):
            end = i + 2
            if joined(end) and _ar_foreign_nameish(ar[end]):
                end += 1
            emit(i + 1, end)
            i = end
            continue
        # ---- given names: محمد الرميحي, مهدي بن الشيخ
        if a.fold in _AR_GIVEN and not a.art and joined(i + 1) and _ar_nameish(ar[i + 1]):
            end = person_span(i)
            if end > i + 1:
                emit(i, end)
                i = end
                continue
        # ---- lists: أحياء الشيخ سعيد والشحادين ... (و-joined or comma-separated items)
        if list_mode and (a.conj or re.search(r"[,،]", toks[i].gap_before)):
            if _ar_nameish(a) and not _ar_verbish(a):
                end = i + 1
                if not a.art and joined(end) and not ar[end].art and _ar_nameish(ar[end]):
                    end += 1  # قاضي عسكر
                emit(i, end)
                i = end
                continue
            list_mode = False
        elif list_mode and not a.conj:
            list_mode = False
        # ---- known places (exact, or after one clitic letter: وتركيا, بحلب)
        off = _ar_known(a, toks[i].text, lang) if _ar_nameish(a) else -1
        if off >= 0:
            spans.append((toks[i].start + off, toks[i].end))
            used[i] = True
            i += 1
            continue
        i += 1
    spans.extend(_ar_quoted(toks, text, ar, used))
    return spans


def _ar_adjective(a: _ArTok) -> bool:
    """Nisba-like adjective with article (السوري, الشرقية) or a stopword."""
    return a.art and (a.core.endswith("ي") or a.core.endswith("يه")) or _ar_is_stop(a)


def _ar_verbish(a: _ArTok) -> bool:
    """Looks like an imperfect verb (تلاحق, يواصل, ويصرح): not a name word."""
    c = a.core
    if a.art or len(c) < 4 or c in _AR_GIVEN or c[1] == "ا":
        return False  # تاكاتو, يوسف: transcribed names often have a long vowel there
    return c[0] in "يتن" or (c[0] in "وف" and c[1] in "يتن" and len(c) >= 5)


@lru_cache(maxsize=4096)
def _ar_nationality(core: str) -> bool:
    """``ياباني`` -> Japan: a nisba whose stem is a country in the gazetteer."""
    from newsweave.names.gazetteer import lookup_place

    if len(core) < 4 or not core.endswith("ي"):
        return False
    stem = core[:-1]
    for cand in (stem, "ال" + stem, stem + "ا", stem + "يا", "ال" + stem + "ه"):
        p = lookup_place(cand, loose=False)
        if p is not None and p.kind == "country":
            return True
    return False


def _ar_known(a: _ArTok, raw: str, lang: str | None) -> int:
    """-1, or how many clitic letters precede a known place name in ``raw``."""
    if a.fold in AR_STOP or a.core in AR_STOP or len(a.core) < 3:
        return -1
    if _known_place(raw, lang, min_population=100_000, loose=False):
        return 0
    if len(raw) > 4 and raw[0] in "وبل" and _ar_fold(raw[1:]) not in AR_STOP:
        rest = raw[1:].lstrip("\u0640")  # لـطوكيو: a tatweel after the clitic
        if _known_place(rest, lang, min_population=100_000, loose=False):
            return len(raw) - len(rest)
    return -1


def _ar_quoted(toks: list[_Tok], text: str, ar: list, used: list[bool]) -> list[tuple[int, int]]:
    """One or two Arabic words alone in quotes: "سانا" -> a name."""
    out = []
    for m in re.finditer(r"[\"“«]([^\"”»\n]{2,40})[\"”»]", text):
        inner = m.group(1).strip()
        words = inner.split()
        if not 1 <= len(words) <= 2 or not all(_script(w[0]) == "arabic" for w in words if w):
            continue
        idx = [k for k, t in enumerate(toks) if m.start(1) <= t.start < m.end(1)]
        if not idx or any(
            used[k] or ar[k] is None or not _ar_nameish(ar[k]) or ar[k].art for k in idx
        ):
            continue  # "سانا", "هيرشكو"; not "القيود" (quoted for emphasis)
        if _ar_adjective(ar[idx[-1]]) or _ar_verbish(ar[idx[-1]]):
            continue
        out.append((toks[idx[0]].start, toks[idx[-1]].end))
        for k in idx:
            used[k] = True
    return out


# =========================================================================== CJK

# Characters typical of transcribed foreign names (a modest selection).
_TRANSLIT = frozenset(
    "阿埃艾安奥巴拜班贝本比波伯布查达戴丹德迪蒂杜多厄恩法菲费芬弗福盖戈格古哈海汉赫"
    "亨胡华霍基吉加贾杰金卡凯坎康柯科克肯库奎拉莱兰朗劳勒雷蕾里利莉林琳卢鲁路罗洛马"
    "迈麦曼梅门蒙米缪莫姆穆纳娜奈内尼努诺欧帕派佩彭皮普奇乔切萨塞桑瑟森沙莎舍什施"
    "斯松苏索塔泰坦汤特滕提图托瓦威维韦温沃乌西希夏谢辛休雅亚扬耶伊因尤约泽扎詹"
    "兹佐尔"
)


def _cjk_spans(toks: list[_Tok], text: str, lang: str | None) -> list[tuple[int, int]]:
    from newsweave.names.gazetteer import _index, fold

    names = _index().names
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+", text):
        run, base = m.group(0), m.start()
        i = 0
        while i < len(run):
            hit = 0
            for L in range(min(4, len(run) - i), 1, -1):
                p = names.get(fold(run[i : i + L]))
                if p is not None and p.population >= 100_000:
                    hit = L
                    break
            if hit:
                out.append((base + i, base + i + hit))
                i += hit
                continue
            j = i
            while j < len(run) and run[j] in _TRANSLIT:
                j += 1
            if j - i >= 3:
                out.append((base + i, base + j))
                i = j
                continue
            i += 1
    if lang == "ja":
        for m in re.finditer(r"[\u30a0-\u30ff]{3,}", text):
            out.append(m.span())
    return out


# =========================================================================== driver

_MAX_TOKEN = 60


def acronym_key(word: str) -> str:
    """Key of an all-caps acronym: its skeleton when that has >= 2 consonants
    (NATO -> ``nt`` like НАТО, SANA -> ``sn`` like سانا), else its letters
    (IOC -> ``ioc``, UN -> ``un``); ``""`` for fewer than 2 letters."""
    key = name_key(word)
    if key:
        return key
    letters = "".join(c for c in romanize(word).casefold() if "a" <= c <= "z")
    return letters if 2 <= len(letters) <= 8 else ""


def _make(text: str, s: int, e: int, lang: str | None) -> NameSpan | None:
    frag = text[s:e]
    if not frag.strip() or e - s > 200:
        return None
    key = acronym_key(frag) if _is_acronym(frag) else name_key(frag, lang)
    if not key:
        return None
    return NameSpan(frag, s, e, key)


@lru_cache(maxsize=8)
def _cached_tokens(text: str) -> tuple[_Tok, ...]:
    """The tokens of a text, kept for the next few calls: the weaver reads an
    article's lead as a title's context and then for its own names, the
    entities component its body likewise (tokens are never changed once made)."""
    return tuple(_tokenize(text))


@lru_cache(maxsize=8)
def _context_doc(context: str, max_chars: int | None) -> _Doc:
    """What ``context`` (its tokens ending within ``max_chars``) says about words."""
    toks = _cached_tokens(context)
    if max_chars is not None:
        toks = tuple(t for t in toks if t.end <= max_chars)
    return _Doc(list(toks))


def _spans(
    text: str, lang: str | None, context: str | None = None, context_chars: int | None = None
) -> list[NameSpan]:
    if not text or not text.strip():
        return []
    toks = [t for t in _cached_tokens(text) if len(t.text) <= _MAX_TOKEN]
    doc = _Doc(toks)
    if context:
        body = _context_doc(context, context_chars)
        doc.lower |= body.lower
        doc.cap_mid |= body.cap_mid
        doc.cap_pairs |= body.cap_pairs
    ctx_doc = doc
    scripts = {t.script for t in toks}
    raw: list[tuple[int, int]] = []
    if scripts & _CASED:
        for _, _, piece in _latin_spans(toks, lang, doc, ctx_doc):
            raw.append((piece[0].start, piece[-1].end))
    if "arabic" in scripts:
        raw.extend(_arabic_spans(toks, text, lang))
    if scripts & {"han", "katakana", "hiragana"} or re.search("[\u4e00-\u9fff]", text):
        raw.extend(_cjk_spans(toks, text, lang))
    raw.sort()
    out: list[NameSpan] = []
    last_end = -1
    for s, e in raw:
        if s < last_end:
            continue  # overlapping: keep the earlier one
        span = _make(text, s, e, lang)
        if span is not None:
            out.append(span)
            last_end = e
    return out


def name_spans(text: str, lang: str | None = None) -> list[NameSpan]:
    """Names in ``text`` (offsets into ``text``), in order, non-overlapping.

    ``lang`` is an ISO 639-1 code or ``None`` (then the rules of every language
    apply: the union of the stoplists, Vietnamese syllable rule for ``_``-joined
    tokens).
    """
    return _spans(text, lang)


def name_spans_in_context(
    text: str, lang: str | None, context: str, context_chars: int | None = None
) -> list[NameSpan]:
    """Like :func:`name_spans`, using ``context`` (the article body for a title)
    to decide which capitalised words are ordinary words; with ``context_chars``
    only the words of its first ``context_chars`` characters (the body is then
    tokenized once for both the title's context and its own names)."""
    return _spans(text, lang, context, context_chars)


_PART_SPLIT = re.compile(r"\s*[-‐]\s*|\s+")


def distinctive_parts(span_text: str, lang: str | None = None) -> list[str]:
    """The words of a multi-word name that identify it: no particles, heads, titles.

    ``"Sheikh Saeed"`` -> ``["Saeed"]``; ``"Simone Biles"`` -> ``["Simone", "Biles"]``;
    ``"بستان القصر"`` -> ``["القصر"]``.
    """
    words = [w for w in _PART_SPLIT.split(span_text.replace("_", " ")) if w]
    out = []
    for w in words:
        low = _fold_word(w.strip("'’`"))
        if not low or low in _INNER_PARTICLES or low in GENERIC_HEADS or low in _TITLES:
            continue
        if _script(w[0]) == "arabic":
            f = _ar_fold(w)
            if f in _AR_HEADS or f in _AR_HEADS_ART or f in _AR_PARTICLES or f in AR_STOP:
                continue
        if len(low) <= 2:
            continue
        out.append(w)
    return out
