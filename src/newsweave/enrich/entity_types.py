"""Mention typing: is a name span a person, an organisation or a place?

No offline NER model covers en/fr/ar/vi/ru/zh on PyPI, so a span found by
:mod:`newsweave.names.extract` is typed from *cues*, each a vote with a weight:

* **inside the span** - a gazetteer hit (GeoNames, :mod:`newsweave.names.gazetteer`)
  is a place; place heads and tails (``Bab``/``Bustan``/``Karam``/``Tal``,
  ``... Square``/``District``/``Province``), organisation heads and tails
  (``Jeish``/``Hizb``/``Liwa``, ``... Army``/``Agency``/``Ministry``/``Party``/
  ``FC``/``News``), the first word a given name from the lists below (person),
  Slavic surname and patronymic endings (``-ović``, ``-ов``, ``-ович``),
  Vietnamese surnames opening a name (``Nguyễn ...``), all-caps acronyms (org);
* **around the span** - titles and honorifics before it (``President``, ``Mr``,
  ``M.``, ``Sr.``, ``Dr``, ``الرئيس``, ``ông``, ``президент``: person), words
  before it that head an organisation (``جيش``, ``وكالة``, ``la chaîne``,
  ``hãng``) or a place (``district of``, ``quartier de``, ``حي``, ``أحياء``,
  ``quận``, ``thành phố``), words after it (``X district``/``neighborhood``/
  ``province``: place; ``X fighters``/``militants``/``spokesman``: org);
* **lists** - names joined by commas and ``and``/``et``/``và``/``و`` share the
  place cue of the list (``the neighborhoods of A, B and C``, ``A, B and C
  districts``).

A span that names something other than a person, organisation or place is
rejected (:func:`rejected`): an event (``Olympics``, ``Jeux``), a demonym or a
language (``Syrian``, ``French``; from CLDR via ``babel``), a disease, a
religion.  Entity types are decided by summing the votes of all mentions
(:mod:`newsweave.enrich.entities`); a mention without a cue votes with a small
prior (two capitalised words: person; one word: place).

All word lists here are *cue words* written for this module (titles, heads,
given names); no list of entities.  Exonyms and places come from the
gazetteer, languages and demonyms from CLDR.

>>> type_span("Sheikh Saeed", "the district of Sheikh Saeed", 16, 28, "en")[0]
'place'
>>> type_span("Sergei Lavrov", "Mr Sergei Lavrov said", 3, 16, "en")[0]
'person'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newsweave.names.extract import demonym_country
from newsweave.names.gazetteer import Place
from newsweave.names.keys import skeleton

__all__ = ["TYPES", "type_span", "rejected", "Cue"]

TYPES = ("person", "org", "place")

#: a vote: (type, weight, cue name)
Cue = tuple[str, float, str]

_W = str.split

# --------------------------------------------------------------------------- person cues
# Titles and honorifics that precede a personal name (folded: casefold, no accents).
_PERSON_BEFORE = frozenset(
    _W(
        """
        president vice-president president-elect mr mrs ms miss mx dr sir dame lady lord
        king queen prince princess emperor empress pope cardinal archbishop bishop rev
        reverend imam ayatollah cleric mufti emir sultan sheikha
        minister secretary senator sen rep congressman congresswoman governor gov mayor
        chancellor premier ambassador envoy spokesman spokeswoman spokesperson chairman
        chairwoman ceo founder judge justice prosecutor lawyer attorney professor prof
        general gen colonel col lieutenant lt major maj captain capt commander sergeant
        sgt brigadier marshal admiral officer activist journalist reporter correspondent
        leader chief coach manager striker goalkeeper midfielder defender forward swimmer
        gymnast sprinter runner boxer wrestler judoka fencer archer skater surfer rower
        cyclist tennis-player player athlete olympian medallist medalist champion
        m mme mlle monsieur madame mademoiselle president presidente ministre general
        docteur maitre roi reine pape porte-parole entraineur selectionneur joueur joueuse
        nageur nageuse athlete championne sprinteur cycliste escrimeur escrimeuse
        gymnaste boxeur tenniswoman tennisman archere
        sr sra srta don dona senor senora senhor senhora ministro ministra presidenta
        rey reina papa portavoz entrenador entrenadora tecnico treinador treinadora
        jugador jugadora jogador jogadora nadador nadadora tenista atleta judoca gimnasta
        ginasta skatista surfista boxeador boxeadora pugilista velocista esgrimista
        herr frau prasident prasidentin ministerin kanzler kanzlerin bundestrainer trainer
        trainerin spieler spielerin schwimmer schwimmerin sprinterin turnerin
        fechterin ringer boxerin
        encik cik puan datuk dato datin seri tun tan sri menteri perdana timbalan
        presiden pengerusi naib
        predsednik predsednica ministrica trener trenerka judoistka plavalec plavalka
        kolesar kolesarka atletinja tenisacica
        президент премьер министр генерал господин госпожа тренер спортсмен спортсменка
        чемпион чемпионка пловец пловчиха теннисист теннисистка гимнаст гимнастка
        фехтовальщик фехтовальщица борец боксер боксёр нападающий вратарь легкоатлет
        легкоатлетка дзюдоист дзюдоистка лидер глава пресс-секретарь посол спикер
        баскетболист баскетболистка футболист футболистка хоккеист хоккеистка
        волейболист волейболистка японец японка американец американка россиянин
        россиянка китаец китаянка
        """
    )
)
# Vietnamese cue words are matched with their tone marks (folding would turn
# "tờ" into English "to"); "_" joins the syllables of word-segmented text.
_VI_PERSON_BEFORE = frozenset(
    _W(
        """
        ông bà anh chị cô chú bác tổng_thống thủ_tướng chủ_tịch bộ_trưởng tướng đại_tá
        thượng_tướng trung_tướng thiếu_tướng tiến_sĩ ts bác_sĩ giáo_sư gs pgs nhà_báo
        cầu_thủ vận_động_viên hlv huấn_luyện_viên đại_sứ giám_đốc tổng_bí_thư bí_thư
        người_phát_ngôn đồng_chí ngài phó_thủ_tướng phó_chủ_tịch
        """
    )
)
# Arabic (folded) titles before a name.
_AR_PERSON_BEFORE_TEXT = """
الرئيس رئيس السيد السيدة الوزير وزير الملك الأمير الامير العميد اللواء العقيد الجنرال
النائب المتحدث الناطق المبعوث الأمين الامين المدرب مدرب اللاعب اللاعبة لاعب لاعبة البطل
البطلة بطل بطلة العداء العداءة السباح السباحة المصارع نجم نجمة الإمبراطور الدكتور المستشار
السفير القائد الزعيم المرشد الإمام الامام الناشط الصحفي المسؤول المسئول الشيخة
"""
# Chinese titles right before a transcribed name.
_ZH_PERSON_BEFORE = ("总统", "主席", "总理", "首相", "部长", "外长", "先生", "女士", "教练",
                     "选手", "国务卿", "发言人", "大使", "将军", "球员", "运动员")  # fmt: skip

# Given names that open a personal name (folded, Latin; Cyrillic ones below).
# Written for this module: frequent given names of the languages we read.
_GIVEN = frozenset(
    _W(
        """
        john james robert michael william david richard joseph thomas charles christopher
        daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian
        george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan
        stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick
        raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter
        kyle noah ethan jeremy walter christian keith roger terry austin sean gerald carl
        harold dylan arthur lawrence jordan jesse bryan billy bruce gabriel joe logan
        albert willie alan eugene russell vincent philip bobby johnny bradley roy ralph
        mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy
        betty margaret sandra ashley kimberly emily donna michelle carol amanda dorothy
        melissa deborah stephanie rebecca sharon laura cynthia kathleen amy angela shirley
        anna brenda pamela emma nicole helen samantha katherine christine debra rachel
        carolyn janet catherine maria heather diane ruth julie olivia joyce virginia
        victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah
        jacqueline martha gloria teresa ann sara madison frances kathryn janice jean
        abigail alice judy sophia grace denise amber doris marilyn danielle beverly
        isabella theresa diana natalie brittany charlotte marie kayla alexis lori
        simone naomi katie caeleb allyson sydney sunisa jade suni megan tom ben sam tim
        joe jim bill bob mike steve dan dave chris nick matt rob ted kate jane liz
        jean pierre jacques michel philippe alain nicolas francois francoise marcel andre
        bernard emmanuel olivier laurent sebastien christophe frederic stephane thierry
        didier patrice yves claude herve gilles guillaume antoine julien mathieu maxime
        teddy clarisse marine segolene valerie isabelle nathalie sylvie sophie celine
        juan carlos luis miguel javier antonio manuel francisco pedro jesus alejandro
        fernando sergio pablo jorge alberto rafael diego raul enrique ramon ricardo
        andres mario oscar eduardo roberto ignacio alvaro mercedes dolores pilar carmen
        lucia paula elena marta cristina laura ana beatriz rosa rocio ona
        joao jose antonio francisco paulo pedro lucas luiz luis gabriel rafael daniel
        marcelo bruno eduardo felipe rodrigo gustavo guilherme fernando leonardo thiago
        tiago diogo ricardo rayssa rebeca marta mayra ana adriana juliana fernanda
        patricia aline camila bruna larissa leticia beatriz
        hans peter klaus wolfgang jurgen dieter gunter horst uwe manfred helmut gerhard
        heinz werner walter karl heinrich friedrich josef stefan andreas thomas michael
        markus matthias sebastian tobias florian lukas jonas leon felix maximilian niklas
        alexander angela ursula annalena olaf ulrike sabine petra monika claudia andrea
        giuseppe giovanni francesco antonio mario luigi marco paolo matteo lorenzo luca
        andrea alessandro stefano roberto gianmarco federica
        luka janez marko andrej matej ziga jure tadej primoz rok anze domen tina ursa
        petra tjasa janja marusa mateja katja tanja nina
        vladimir sergei sergey dmitry dmitri alexei alexey andrei andrey ivan nikolai
        mikhail yuri igor oleg viktor pavel maxim anatoly boris evgeny yevgeny vladislav
        natalia olga tatiana elena irina svetlana ekaterina yekaterina anastasia maria
        daria viktoria yulia ksenia angelina
        novak nikola milos stefan dusan goran zoran dragan
        recep mustafa mehmet ahmet ali huseyin ibrahim emine ayse fatma zeynep
        wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin
        shinzo yoshihide fumio naomi hiroshi takashi kenji yuki haruka
        narendra rahul sonia imran benjamin naftali yair
        xi joe kamala hillary barack vladimir emmanuel angela boris theresa justin
        wael abdullah abdallah abdel abdul mohammad mohammed mohamed muhammad ahmad ahmed
        mahmoud khalid khaled hussein hussain hassan hasan youssef yousef ibrahim mustafa
        mostafa fahd faisal salman nasser tariq samir rami sami majid walid ziad nizar bilal
        ismail nabil hamza rashid mansour issa musa jafar abbas qasim kassem hashem murad
        fatima aisha maryam zeinab sara hind rania reem yasmin mahdi yasser ayman osama
        usama imad anas tamim bashar moataz mutaz omar umar amr saad saeed said
        """
    )
)
_GIVEN_CYR = frozenset(
    _W(
        """
        владимир сергей дмитрий алексей андрей иван николай михаил юрий игорь олег виктор
        павел максим анатолий борис евгений владислав александр наталья ольга татьяна
        елена ирина светлана екатерина анастасия мария дарья виктория юлия ксения ангелина
        джо джон эммануэль ангела дональд барак хиллари камала симона наоми кэти калеб
        башар мухаммед мохаммед ахмед али хасан хусейн реджеп тайип новак лука
        """
    )
)
# Vietnamese family names: a capitalised name opening with one is a person.
_VI_SURNAMES = frozenset(
    _W(
        """nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh
        đào trịnh mai trương lâm tô cao lưu quách tạ lương thái tăng châu kiều
        văn hứa doãn vương giang khổng mạc""",
    )
)
_SLAVIC_SURNAME = re.compile(
    r"(?:ović|ovič|evič|ević|ovic|evic|ić|ič|ovska|ovski|ewski|ewska|owski|owska|"
    r"skiy|sky|ova|eva|ina)$"
)
_CYR_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын|ова|ева|ина|ына|ский|ская|цкий|цкая|енко|ук|юк)$")
_CYR_PATRONYMIC = re.compile(r"(?:ович|евич|ична|овна|евна)$")

# --------------------------------------------------------------------------- org cues
_ORG_LAST = frozenset(
    _W(
        """
        army agency ministry party fc cf sc afc news times post tribune herald journal
        gazette telegraph tv television radio press network channel front brigade
        brigades battalion battalions regiment division corps council committee
        commission union association federation confederation company corporation corp
        inc ltd llc plc gmbh ag sa group bank university college institute foundation
        organization organisation police court parliament congress senate assembly
        movement forces force guard guards navy command office department bureau service
        services authority club airlines airways motors media daily magazine observatory
        coalition alliance league society board fund trust institution agency
        ministry academy
        armée agence ministère parti conseil comité commission fédération société
        compagnie banque université chaîne groupe mouvement organisation tribunal
        assemblée sénat gendarmerie
        ejército exército agencia agência ministerio ministério partido frente brigada
        consejo conselho comisión comissão unión união asociación associação federación
        federação confederação empresa compañía companhia banco universidad universidade
        grupo movimiento movimento organización organização policía polícia clube
        armee agentur ministerium partei rat komitee kommission verband bund gesellschaft
        universität gruppe bewegung gericht polizei verein zeitung
        армия агентство министерство минобороны партия фронт совет комитет комиссия союз
        ассоциация федерация компания банк университет группа движение организация суд
        полиция клуб
        """
    )
)
_ORG_FIRST = frozenset(
    _W(
        """
        ministry bank university council court department office institute federation
        association committee union league army party agency
        armée agence ministère parti conseil comité banque université fédération
        ejército exército agencia agência ministerio ministério partido banco universidad
        universidade federación federação comité comitê confederação consejo conselho
        ministerium bundesministerium partei
        армия агентство министерство партия совет комитет федерация союз
        jaish jeish jaysh jaich jish hizb hezb harakat harakah jabhat jebhat liwa liwaa
        kataib kataeb katibat saraya ansar ahrar faylaq failaq tanzim hayat tahrir
        jamaat jamaa jund
        """
    )
)
# Arabic (folded) words that head or announce an organisation name.
_AR_ORG_TEXT = """
حزب جيش حركة جبهة لواء كتائب سرايا أنصار انصار فيلق تيار تنظيم جماعة منظمة هيئة وزارة
وكالة قناة صحيفة جريدة شركة بنك مصرف جامعة مجلس مؤسسة نادي اللجنة لجنة الاتحاد اتحاد
"""
_ORG_BEFORE = frozenset(
    _W(
        """
        chaîne chaine agence journal quotidien hebdomadaire radio télévision groupe
        канал агентство газета телеканал радио группировка
        """
    )
)
_VI_ORG_BEFORE = frozenset(
    _W(
        """
        hãng hãng_tin báo đài tờ nhóm tổ_chức phong_trào đảng bộ công_ty tập_đoàn
        ngân_hàng câu_lạc_bộ clb đội_tuyển liên_minh lực_lượng chiến_binh tay_súng
        ủy_ban liên_đoàn hiệp_hội
        """
    )
)
_ORG_AFTER = frozenset(
    _W(
        """
        fighters militants militia militiamen terrorists rebels members forces troops
        spokesman spokeswoman spokesperson leader leaders chief officials official
        coalition group command commander militias gunmen jihadists supporters
        combattants militants terroristes rebelles membres porte-parole
        боевики бойцы
        """
    )
)
_ORG_ZH_AFTER = ("党", "委员会", "公司", "银行", "协会", "组织", "大学", "通讯社", "电视台")

# --------------------------------------------------------------------------- place cues
_PLACE_FIRST = frozenset(
    _W(
        """
        bab bustan boustan bostan karam karm karama tal tel tell jisr souq souk suq hay
        harat qalaat qalat madinat jabal jebel wadi ain ayn deir dayr kafr beit bayt burj
        ras khan maskan masaken hawsh housh haouch qastal mount lake river cape gulf bay
        fort port isla isola ile lac mont monte rio san santa sao saint st
        sông núi hồ đảo vịnh cầu phố đường
        """
    )
)
_PLACE_LAST = frozenset(
    _W(
        """
        street road avenue boulevard square district quarter neighborhood neighbourhood
        province governorate county city town village region valley mountain mountains
        mount hill hills river lake island islands bay gulf sea ocean airport port bridge
        gate camp citadel highway farms oilfields park stadium arena hospital mosque
        church palace tower desert plain plains peninsula strait canal coast station
        """
    )
)
_PLACE_BEFORE = frozenset(
    _W(
        """
        in at near from into towards toward outside inside around across district
        districts neighborhood neighborhoods neighbourhood neighbourhoods town towns city
        cities village villages province provinces region regions quarter area areas
        camp suburb suburbs capital
        à au aux en dans vers près quartier quartiers ville région province village
        localité banlieue capitale
        en em no na nos nas desde hacia cerca barrio ciudad cidade província provincia
        región região aldea bairro capital
        nach aus bei stadt dorf provinz region hauptstadt
        в во из под около город городе области село
        """
    )
)
_VI_PLACE_BEFORE = frozenset(
    _W(
        """
        tại ở đến từ quận phường huyện xã tỉnh thành_phố tp thủ_đô khu khu_vực làng
        thị_trấn thị_xã vùng miền nước sang về
        """
    )
)
# strong ones: a place noun right before the name (not a preposition)
_PLACE_BEFORE_STRONG = frozenset(
    _W(
        """
        district districts neighborhood neighborhoods neighbourhood neighbourhoods town
        towns city cities village villages province provinces region regions quarter camp
        suburb suburbs capital
        quartier quartiers ville région province village localité banlieue capitale
        barrio ciudad cidade província provincia región região aldea bairro capital
        stadt dorf provinz hauptstadt город городе области село
        """
    )
)
_VI_PLACE_BEFORE_STRONG = frozenset(
    _W("quận phường huyện xã tỉnh thành_phố tp thủ_đô khu khu_vực làng thị_trấn thị_xã vùng nước")
)
_PLACE_AFTER = frozenset(
    _W(
        """
        district districts neighborhood neighborhoods neighbourhood neighbourhoods quarter
        province governorate region village villages town city countryside area areas
        camp farms hill mountain suburb suburbs
        """
    )
)
_AR_PLACE_BEFORE_TEXT = """
حي أحياء احياء مدينة مدن منطقة مناطق بلدة بلدات قرية قرى محافظة ريف ناحية العاصمة عاصمة
إقليم اقليم ولاية مقاطعة دوار ساحة شارع مطار معبر
"""
_AR_PLACE_PREP_TEXT = "في فى إلى الى من نحو باتجاه قرب"

# --------------------------------------------------------------------------- rejections
_EVENT_WORDS = frozenset(
    _W(
        """
        olympics olympic olympiad olympia olympiade olympische olimpiadas olimpíadas
        olimpíada olimpiada olimpiade olimpijske olimpijskih olimpijski paralympics
        paralympic jo jeux juegos jogos spiele games cup championship championships
        open grand prix festival expo summit war covid covid-19 coronavirus
        олимпиада олимпиады олимпиаде олимпийские олимпийских игры игр
        أولمبياد اولمبياد الأولمبياد الاولمبياد الألعاب الالعاب كورونا
        奥运 奥运会 奥林匹克
        """
    )
)
_NORP_WORDS = frozenset(
    _W(
        """
        shiite shiites shia sunni sunnis muslim muslims christian christians jewish jew
        jews zionist zionists islamist islamists salafist salafists takfiri takfiris
        wahhabi alawite alawites druze kurdish catholic catholics protestant orthodox
        hindu buddhist arab arabs western eastern summer winter spring autumn
        isnin selasa rabu khamis jumaat sabtu ahad januari februari mac mei jun julai
        ogos disember pada katanya
        """
    )
)


# word beginnings of the Olympic games in our languages (inflected forms included)
_EVENT_PREFIXES = ("olymp", "olimp", "олимп", "олімп", "أولمب", "اولمب", "الأولمب", "الاولمب",
                   "奥运", "奥林匹克", "パラリンピック", "オリンピック")  # fmt: skip
# All-caps abbreviations of common nouns (not names), by language.
_COMMON_ACRONYMS = frozenset(
    _W(
        """
        JO JJOO CEO CFO GDP PIB COVID TV DJ MC PR VIP AI IT UAV OK USD EUR AM PM
        СМИ ОИ ЧМ ЧЕ ВВП
        TP TPHCM SGK THPT THCS DNNN LHTN HLV CLB UBND HĐND GD ĐH CĐ BHXH BHYT ATGT CSGT
        KT XH NXB VĐV TS GS PGS ThS BS
        """
    )
)


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    from newsweave.names.extract import common_words

    return frozenset(_fold(w) for w in common_words())


@lru_cache(maxsize=200_000)
def _fold(w: str) -> str:
    w = unicodedata.normalize("NFKD", w.casefold().replace("’", "'"))
    return "".join(c for c in w if not unicodedata.combining(c))


def _vi(w: str) -> str:
    """Vietnamese cue form: NFC lower case, spaces as ``_`` (word-segmented text)."""
    return unicodedata.normalize("NFC", w.casefold()).replace(" ", "_")


_AR_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})


def _ar(w: str) -> str:
    return _AR_MARKS.sub("", w).translate(_AR_FOLD)


def _ar_set(text: str) -> frozenset[str]:
    return frozenset(_ar(w) for w in text.split())


_AR_PERSON_BEFORE = _ar_set(_AR_PERSON_BEFORE_TEXT)
_AR_ORG = _ar_set(_AR_ORG_TEXT)
_AR_PLACE_BEFORE = _ar_set(_AR_PLACE_BEFORE_TEXT)
_AR_PLACE_HEADS = _ar_set(
    """باب بستان كرم جسر سوق قلعة تل جبل دير عين كفر بيت برج راس رأس خان مخيم حارة مرج مساكن
    نهر وادي بحيرة جزيرة خليج بحر دوار ساحة شارع"""
)
_AR_PLACE_PREP = _ar_set(_AR_PLACE_PREP_TEXT)
_FOLDED = {
    name: frozenset(_fold(w) for w in words)
    for name, words in {
        "person_before": _PERSON_BEFORE,
        "given": _GIVEN,
        "org_last": _ORG_LAST,
        "org_first": _ORG_FIRST,
        "org_before": _ORG_BEFORE,
        "org_after": _ORG_AFTER,
        "place_first": _PLACE_FIRST,
        "place_last": _PLACE_LAST,
        "place_before": _PLACE_BEFORE,
        "place_before_strong": _PLACE_BEFORE_STRONG,
        "place_after": _PLACE_AFTER,
        "event": _EVENT_WORDS,
        "norp": _NORP_WORDS,
    }.items()
}
_VI_FOLDED = {
    "person_before": frozenset(_vi(w) for w in _VI_PERSON_BEFORE),
    "org_before": frozenset(_vi(w) for w in _VI_ORG_BEFORE),
    "place_before": frozenset(_vi(w) for w in _VI_PLACE_BEFORE),
    "place_before_strong": frozenset(_vi(w) for w in _VI_PLACE_BEFORE_STRONG),
    "surname": frozenset(_vi(w) for w in _VI_SURNAMES),
}

# Arabic given names as consonant skeletons, to recognise their Latin spellings
# (Mohammed/Muhammad/Mohamed -> mhmd); only skeletons of >= 3 classes.
_GIVEN_SKELETONS = frozenset(
    s
    for w in _W(
        """محمد أحمد خالد حسين يوسف إبراهيم مصطفى فيصل سلمان ناصر طارق سمير ماجد وليد
        زياد نزار بلال إسماعيل نبيل حمزة راشد منصور جعفر عباس قاسم هاشم مراد فاطمة
        عائشة مريم زينب ياسر أيمن أسامة عماد بشار عبدالله عبد الله محمود حسن"""
    )
    if len(s := skeleton(w).replace(" ", "")) >= 3
)

_WORD = re.compile(r"[^\W\d][\w'’\-]*", re.UNICODE)
_CLAUSE_BREAK = re.compile(r"[.!?;:()\[\]\"“”«»\n]")
_LIST_SEP = re.compile(
    r"^\s*(?:,|،|and|et|y|e|und|и|và|cùng|و)?\s*(?:,|،)?\s*(?:and|et|y|e|und|и|và|و)?\s*$",
    re.IGNORECASE,
)


_WORD_SPLIT = re.compile(r"[\s_]+|\s*-\s+")


def _words(span_text: str) -> list[str]:
    return [w for w in _WORD_SPLIT.split(span_text) if w]


def _script(text: str) -> str:
    for ch in text:
        if not ch.isalpha():
            continue
        o = ord(ch)
        if 0x600 <= o <= 0x6FF or 0x750 <= o <= 0x77F or 0x8A0 <= o <= 0x8FF:
            return "arabic"
        if 0x400 <= o <= 0x52F:
            return "cyrillic"
        if 0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF:
            return "cjk"
        if o < 0x250 or 0x1E00 <= o <= 0x1EFF:
            return "latin"
        return "other"
    return "other"


@lru_cache(maxsize=1)
def _languages_and_demonyms() -> frozenset[str]:
    """Language names in many locales (CLDR via ``babel``), folded: ``French``, ``arabe``."""
    out: set[str] = set()
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover - babel is a dependency
        return frozenset()
    for loc in ("en", "fr", "es", "pt", "de", "it", "ru", "ar", "vi", "sl", "zh"):
        try:
            names = Locale.parse(loc).languages
        except Exception:  # noqa: BLE001 - a missing locale only loses its names
            continue
        for code, name in names.items():
            if len(code) <= 3 and name and " " not in name:
                out.add(_fold(name))
    return frozenset(out)


@lru_cache(maxsize=100_000)
def rejected(span_text: str, lang: str | None) -> str:
    """Why a span is not a person/org/place name (``""`` when it may be one).

    ``event`` (``Olympics``, ``Jeux olympiques``, ``COVID-19``), ``norp``
    (a demonym, religion or language used as a name: ``Syrian``, ``Shiite``,
    ``French``), ``long`` (more than 8 words or 80 characters).
    """
    words = _words(span_text)
    if not words or len(words) > 8 or len(span_text) > 80:
        return "long"
    folded = [_fold(w.strip("'’")) for w in words]
    pairs = list(zip(folded, words, strict=True))
    if any(f in _FOLDED["event"] or _ar(w) in _EVENT_WORDS for f, w in pairs):
        return "event"
    if any(f.split("-")[0] in _FOLDED["event"] for f in folded):
        return "event"  # "Olympics-Basketball", "COVID-hit"
    if any(
        f.startswith(_EVENT_PREFIXES) or _ar(w).startswith(_EVENT_PREFIXES)
        for f, w in zip(folded, words, strict=True)
    ):
        return "event"  # inflected: "Олимпиаду", "Летним Олимпийским", "الأولمبية"
    if len(words) == 1:
        w = words[0]
        letters = [c for c in w if c.isalpha()]
        if w in _COMMON_ACRONYMS:
            return "common"
        if letters and all(c.isupper() for c in letters) and len(letters) >= 2:
            # shouted common words of headlines (LIVE, UPDATE, FOTO, THE) and
            # Spanish plural abbreviations (EE.UU., JJ.OO.)
            if _fold(w) in _common_words() or (len(letters) == 2 and letters[0] == letters[1]):
                return "common"
            if len(letters) >= 5 and _gazetteer(w, lang) is None:
                return "common"
    if len(words) == 1:
        w = words[0]
        if folded[0] in _FOLDED["norp"] or folded[0] in _languages_and_demonyms():
            return "norp"
        if demonym_country(w) is not None:
            return "norp"
    return ""


def _before_words(text: str, start: int, n: int = 3) -> list[str]:
    """Up to ``n`` words right before ``start`` in the same clause, nearest first."""
    window = text[max(0, start - 80) : start]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(window)), default=0)
    window = window[cut:]
    return [m.group(0) for m in _WORD.finditer(window)][::-1][:n]


def _after_words(text: str, end: int, n: int = 2) -> list[str]:
    window = text[end : end + 60]
    m = _CLAUSE_BREAK.search(window)
    if m:
        window = window[: m.start()]
    return [m.group(0) for m in _WORD.finditer(window)][:n]


def _gazetteer(span_text: str, lang: str | None) -> Place | None:
    from newsweave.enrich.entity_linking import trusted_place

    return trusted_place(span_text, lang)


def span_cues(
    span_text: str, text: str, start: int, end: int, lang: str | None
) -> tuple[list[Cue], Place | None]:
    """Every cue found for one span (inside and around it), and its gazetteer place."""
    inside, place = _inside_cues(span_text, lang)
    words = _words(span_text)
    if not words:
        return [], None
    cues = list(inside)
    script = _script(span_text)
    _around_cues(cues, words, script, text, start, end, lang)
    return cues, place


@lru_cache(maxsize=100_000)
def _inside_cues(span_text: str, lang: str | None) -> tuple[tuple[Cue, ...], Place | None]:
    """The cues of a span's own words and its gazetteer place.

    They depend on the span's text and language alone, and the same names come
    back in article after article, so they are computed once per spelling
    (the cues of the words around a span are not: :func:`_around_cues`).
    """
    cues: list[Cue] = []
    words = _words(span_text)
    if not words:
        return (), None
    script = _script(span_text)
    folded = [_fold(w.strip("'’")) for w in words]
    # strip an Arabic article written in Latin script for head/tail checks
    cores = [re.sub(r"^(?:al|el|an|ar|as|ash|at|az|ad)-", "", f) for f in folded]
    first, last = cores[0], cores[-1]
    letters = [c for c in span_text if c.isalpha()]
    acronym = len(words) == 1 and 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)
    place = _gazetteer(span_text, lang)
    if place is not None:
        cues.append(("place", 1.5 if place.kind == "country" else 1.2, "gazetteer"))
    # ---- inside: heads, tails, given names, morphology
    if script == "arabic":
        a0 = _ar(words[0])
        a0_core = a0[2:] if a0.startswith("ال") and len(a0) > 3 else a0
        if a0 in _AR_ORG or a0_core in _AR_ORG:
            cues.append(("org", 1.5, "ar-org-head"))
        elif a0 in _AR_PLACE_HEADS:
            cues.append(("place", 1.5, "ar-place-head"))
        elif a0 in _AR_GIVEN_FOLDED and len(words) > 1:
            cues.append(("person", 0.8, "given-name"))
        if len(words) > 1 and words[1] in ("الدين", "الله") and a0 not in _AR_ORG:
            cues.append(("person", 0.6, "ar-compound-name"))
        if a0 in {"ابو", "أبو", "ام", "أم"} and len(words) > 1:
            cues.append(("person", 0.5, "kunya"))
    elif script in ("latin", "cyrillic"):
        if len(words) > 1 and last in _FOLDED["org_last"]:
            cues.append(("org", 1.5, "org-tail"))
        elif (
            len(words) == 1
            and re.search(r"(?:news|times|post|tv|press)$", first)
            and len(first) > 6
        ):
            cues.append(("org", 1.0, "org-tail"))  # FarsNews, SkyNews
        if first in _FOLDED["org_first"] and len(words) > 1:
            cues.append(("org", 1.5, "org-head"))
        if len(words) == 1 and re.match(r"^(?:hezb|hizb)", first):
            cues.append(("org", 1.5, "org-head"))  # Hezbollah, Hizbullah: "party of ..."
        if len(words) > 1 and last in _FOLDED["place_last"]:
            cues.append(("place", 1.5, "place-tail"))
        if len(words) > 1 and first in _FOLDED["place_first"]:
            cues.append(("place", 1.2, "place-head"))
        if len(words) > 1 and (first in _FOLDED["given"] or first in _GIVEN_CYR):
            cues.append(("person", 1.0, "given-name"))
        elif (
            len(words) > 1
            and script == "latin"
            and len(skel := skeleton(words[0]).replace(" ", "")) >= 3
            and skel in _GIVEN_SKELETONS
            and first not in _FOLDED["place_first"]
        ):
            cues.append(("person", 0.8, "given-name"))
        if len(words) > 1 and any(f in ("bin", "ibn", "bint", "ben") for f in folded[1:-1]):
            cues.append(("person", 0.8, "nasab"))
        if (
            len(words) > 1
            and first in ("abu", "abou", "um", "umm")
            and last not in _FOLDED["place_last"]
        ):
            cues.append(("person", 0.5, "kunya"))
        if first.startswith(("abdel", "abdul", "abdal", "abdull", "abdall")):
            cues.append(("person", 0.8, "given-name"))
        if script == "cyrillic":
            low = [w.casefold() for w in words]
            if any(_CYR_PATRONYMIC.search(w) for w in low[1:]):
                cues.append(("person", 1.5, "patronymic"))
            elif len(words) in (2, 3) and _CYR_SURNAME.search(low[-1]):
                cues.append(("person", 0.8, "surname-ending"))
        elif _SLAVIC_SURNAME.search(folded[-1]) and (
            len(words) > 1 or folded[-1].endswith(("vic", "vich", "ic", "ich"))
        ):
            cues.append(("person", 0.6, "surname-ending"))
        vi_first = _vi(words[0])
        if (
            (lang == "vi" or "_" in span_text)
            and vi_first in _VI_FOLDED["surname"]
            and 2 <= len(words) <= 4
        ):
            cues.append(("person", 1.2, "vi-surname"))
        if acronym:
            cues.append(("org", 0.7 if place is None else 0.2, "acronym"))
    elif script == "cjk" and any(span_text.endswith(s) for s in _ORG_ZH_AFTER):
        cues.append(("org", 1.5, "org-tail"))
    return tuple(cues), place


def _around_cues(
    cues: list[Cue],
    words: list[str],
    script: str,
    text: str,
    start: int,
    end: int,
    lang: str | None,
) -> None:
    """Append the cues of the words around the span ``text[start:end]``: titles,
    heads, prepositions, tails."""
    before = _before_words(text, start)
    after = _after_words(text, end)
    if script == "arabic":
        b = [_ar(w) for w in before]
        b0 = b[0] if b else ""
        b0_clitic = b0[1:] if len(b0) > 3 and b0[0] in "وبلف" else b0
        if (
            b0 in _AR_PERSON_BEFORE
            or b0_clitic in _AR_PERSON_BEFORE
            or any(x in _AR_PERSON_BEFORE for x in b[1:3])
        ):
            cues.append(("person", 1.2, "title"))
        if b0 in _AR_ORG or b0_clitic in _AR_ORG:
            cues.append(("org", 1.2, "org-before"))
        if b0 in _AR_PLACE_BEFORE or b0_clitic in _AR_PLACE_BEFORE:
            cues.append(("place", 1.5, "place-before"))
        elif b0 in _AR_PLACE_PREP:
            cues.append(("place", 0.3, "preposition"))
    elif script == "cjk":
        pre = text[max(0, start - 4) : start]
        if any(pre.endswith(t) for t in _ZH_PERSON_BEFORE):
            cues.append(("person", 1.2, "title"))
    else:
        fb = [_fold(w.rstrip(".")) for w in before]
        vb = [_vi(w) for w in before] if lang in ("vi", None) else []
        vb2 = ["_".join(vb[:2][::-1])] if len(vb) >= 2 else []  # "thành phố" -> thành_phố
        b0 = fb[0] if fb else ""
        if (
            b0 in _FOLDED["person_before"]
            or (vb and vb[0] in _VI_FOLDED["person_before"])
            or (vb2 and vb2[0] in _VI_FOLDED["person_before"])
        ) and (b0 != "m" or re.search(r"\bM\.\s*$", text[max(0, start - 4) : start])):
            # "M." only as the abbreviation: capital M with a full stop
            cues.append(("person", 1.2, "title"))
        if (
            b0 in _FOLDED["org_before"]
            or (vb and vb[0] in _VI_FOLDED["org_before"])
            or (vb2 and vb2[0] in _VI_FOLDED["org_before"])
        ):
            cues.append(("org", 1.2, "org-before"))
        strong = (
            b0 in _FOLDED["place_before_strong"]
            or (vb2 and vb2[0] in _VI_FOLDED["place_before_strong"])
            or (vb and vb[0] in _VI_FOLDED["place_before_strong"])
        )
        of_strong = (
            len(fb) >= 2
            and b0 in ("of", "de", "du", "des", "d", "di", "do", "da")
            and (fb[1] in _FOLDED["place_before_strong"])
        )
        if strong or of_strong:
            cues.append(("place", 1.5, "place-before"))
        elif b0 in _FOLDED["place_before"] or (vb and vb[0] in _VI_FOLDED["place_before"]):
            cues.append(("place", 0.4, "preposition"))
        fa = [_fold(w) for w in after]
        if fa and fa[0] in _FOLDED["place_after"]:
            cues.append(("place", 1.5, "place-after"))
        if fa and fa[0] in _FOLDED["org_after"]:
            cues.append(("org", 1.0, "org-after"))
        if (
            fa
            and fa[0] in ("said", "says", "told", "added", "stated", "tweeted")
            and len(words) > 1
        ):
            cues.append(("person", 0.3, "speech-verb"))


_AR_GIVEN_FOLDED = frozenset(
    _ar(w)
    for w in _W(
        """محمد أحمد احمد محمود خالد حسين يوسف إبراهيم ابراهيم مصطفى فهد فيصل سلمان ناصر
        طارق سمير رامي سامي ماجد وليد زياد نزار بلال إسماعيل اسماعيل نبيل حمزة راشد منصور
        عيسى موسى جعفر عباس قاسم هاشم مراد فاطمة عائشة مريم زينب سارة هند رانيا ريم ياسمين
        مهدي ياسر أيمن ايمن أسامة اسامة عماد أنس انس تميم بشار معتز حسن عبد عبدالله
        سيرجي سيرغي فلاديمير"""
    )
)


def prior(span_text: str) -> Cue:
    """The vote of a span without any cue: two or three capitalised words -> person."""
    words = _words(span_text)
    script = _script(span_text)
    if (
        script in ("latin", "cyrillic")
        and 2 <= len(words) <= 3
        and not any(_fold(w) in ("al", "el") or _fold(w).startswith(("al-", "el-")) for w in words)
    ):
        return ("person", 0.2, "prior")
    if script == "cjk":
        return ("person", 0.1, "prior")
    return ("place", 0.1, "prior")


def decide(cues: list[Cue]) -> tuple[str, float, str]:
    """(type, weight, cue) of a mention: the type with the most votes, its best cue."""
    totals: dict[str, float] = {}
    best: dict[str, Cue] = {}
    for t, w, c in cues:
        totals[t] = totals.get(t, 0.0) + w
        if t not in best or w > best[t][1]:
            best[t] = (t, w, c)
    t = max(totals, key=lambda k: (totals[k], -TYPES.index(k)))
    return t, totals[t], best[t][2]


def type_span(
    span_text: str, text: str, start: int, end: int, lang: str | None
) -> tuple[str, float, str]:
    """(type, weight, cue) of the span ``text[start:end]``; see the module docstring."""
    cues, _ = span_cues(span_text, text, start, end, lang)
    return decide(cues or [prior(span_text)])
