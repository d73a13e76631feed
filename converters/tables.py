"""The curated table of persons, places, organisations and archives the converter may tag.

Why a hand-kept table: the texts spell one person five ways ("Mao Zedong", "MAO ZEDONG", "Мао
Цзэдун", "МАО ЦЗЕ-ДУН", "М А О Ц З Е - Д У Н") and hide others behind code names (Filippov =
Stalin), and the encoding brief forbids guessing identities. Every entry is supported either by
the texts themselves (a translation that renders "Суйген" as "Suwon") or by well-known reference
works (the Russian archives' names and seats). A name that is not here stays untagged.

Russian names decline ("Сталину", "ПЕКИНА", "Ким Ир Сена"); the table lists each base form once and
`ru_inflections` adds the case forms of its last word, so `names_ru` holds every form the matcher
should accept while `name_ru` stays the canonical one for the standOff list.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

_VOWELS = "аеёиоуыэюя"


def ru_inflections(name: str) -> tuple[str, ...]:
    """The name with its last word in the oblique cases of Russian nouns (rough, over-generating).

    Over-generation is harmless here: a form such as "Пекиным" never occurs in text, so it never
    matches. Words ending in -о, -и, -у, -э, -е (Чемульпо, Сочи) do not decline.
    """
    head, _, last = name.rpartition(" ")
    if "-" in last:  # "Цзэ-дун", "Дэ-хуай": only the last part declines
        pre, _, last = last.rpartition("-")
        head = f"{head} {pre}-".strip() if head else f"{pre}-"
        sep = ""
    else:
        sep = " " if head else ""
    low = last.lower()
    if not low:
        return ()
    endings: tuple[str, ...] = ()
    stem = last
    if low.endswith("ий"):  # hard (Вышинский) and soft (Василевский, -ний) adjectival endings
        stem, endings = last[:-2], ("ого", "ому", "им", "ом", "его", "ему", "ем")
    elif low.endswith(("ой", "ый")):
        stem, endings = last[:-2], ("ого", "ому", "ым", "ом")
    elif low.endswith(("ай", "ей", "уй", "й")):
        stem, endings = last[:-1], ("я", "ю", "ем", "е")
    elif low.endswith("ь"):
        stem, endings = last[:-1], ("я", "ю", "ем", "е", "и", "ью")
    elif low.endswith("ия"):
        stem, endings = last[:-1], ("и", "ю", "ей")
    elif low.endswith("я"):
        stem, endings = last[:-1], ("и", "е", "ю", "ей")
    elif low.endswith("а"):
        stem, endings = last[:-1], ("ы", "и", "е", "у", "ой")
    elif low[-1] not in _VOWELS:
        stem, endings = last, ("а", "у", "ом", "ым", "е", "ой")
    if last.isupper():
        endings = tuple(e.upper() for e in endings)
    joiner = f"{head}{sep}" if head else ""
    return tuple(f"{joiner}{stem}{e}" for e in endings)


@dataclass(frozen=True)
class Entity:
    """One person, place or organisation, with every written form the matcher should accept."""

    id: str
    kind: str
    name: str
    names_en: tuple[str, ...]
    names_ru: tuple[str, ...]
    pseudonyms_en: tuple[str, ...] = ()
    pseudonyms_ru: tuple[str, ...] = ()
    abbreviation: str | None = None
    #: Canonical Russian name (the first listed form), for the standOff list.
    name_ru: str | None = None
    #: Chinese (simplified and traditional) and Korean forms, for notes in those languages.
    names_zh: tuple[str, ...] = ()
    names_ko: tuple[str, ...] = ()
    pseudonyms_zh: tuple[str, ...] = ()


@dataclass(frozen=True)
class Archive:
    """A repository cited in the sources, with what an msIdentifier needs."""

    key: str
    abbreviation: str
    name: str
    country: str
    settlement: str
    org_id: str
    variants: tuple[str, ...]
    name_ru: str | None = None


def _entity(
    id: str,
    kind: str,
    name: str,
    en: tuple[str, ...],
    ru: tuple[str, ...] = (),
    *,
    ps_en: tuple[str, ...] = (),
    ps_ru: tuple[str, ...] = (),
    abbreviation: str | None = None,
    inflect: bool = True,
) -> Entity:
    """Build an entry; Russian forms (names and code names) get their case forms added."""

    def expand(forms: tuple[str, ...]) -> tuple[str, ...]:
        out: list[str] = []
        for f in forms:
            for g in (f, *(ru_inflections(f) if inflect else ())):
                if g not in out:
                    out.append(g)
        return tuple(out)

    return Entity(
        id=id,
        kind=kind,
        name=name,
        names_en=en,
        names_ru=expand(ru),
        pseudonyms_en=ps_en,
        pseudonyms_ru=expand(ps_ru),
        abbreviation=abbreviation,
        name_ru=ru[0] if ru else None,
    )


_P, _L, _O = "person", "place", "org"

_ENTRIES: tuple[Entity, ...] = (
    # Persons. Code names: Stalin signed as Filippov (and Fyn Si) in the 1950-51 correspondence.
    _entity(
        "per-stalin",
        _P,
        "Iosif Vissarionovich Stalin",
        ("Stalin", "Joseph Stalin", "J. V. Stalin", "I. V. Stalin"),
        ("Сталин", "И. В. Сталин"),
        ps_en=("Filippov", "Filipov", "Fyn Si"),
        ps_ru=("Филиппов", "Фын Си"),
    ),
    _entity(
        "per-mao",
        _P,
        "Mao Zedong",
        ("Mao Zedong", "Mao Tse-tung", "Mao Tsze-dun", "Mao"),
        ("Мао Цзэдун", "Мао Цзэ-дун", "Мао Цзе-дун", "Мао Цзедун", "Мао"),
    ),
    _entity(
        "per-zhou-enlai",
        _P,
        "Zhou Enlai",
        ("Zhou Enlai", "Zhou En-lai", "Chou En-lai", "Chou Enlai"),
        ("Чжоу Эньлай", "Чжоу Энь-лай", "Чжоу Энлай"),
    ),
    _entity(
        "per-peng-dehuai",
        _P,
        "Peng Dehuai",
        ("Peng Dehuai", "Peng De-huai", "Peng Teh-huai", "Peng Dehui"),
        ("Пэн Дэхуай", "Пэн Дэ-хуай", "Пын Дэ-хуай"),
    ),
    _entity(
        "per-kim-il-sung",
        _P,
        "Kim Il Sung",
        ("Kim Il Sung", "Kim Il-sung", "Kim Ir Sen"),
        ("Ким Ир Сен", "Ким Ир Сэн", "Ким Ир-сен"),
    ),
    _entity("per-gao-gang", _P, "Gao Gang", ("Gao Gang", "Kao Kang"), ("Гао Ган",)),
    _entity(
        "per-pak-hon-yong",
        _P,
        "Pak Hon-yong",
        ("Pak Hon-yong", "Pak Hon Yong", "Pak Hen En", "Bak Heon-yeong"),
        ("Пак Хен Ен", "Пак Хон Ен"),
    ),
    _entity("per-pak-il-u", _P, "Pak Il-u", ("Pak Il-u", "Pak Il U", "Pak Ir U"), ("Пак Ир У",)),
    _entity("per-kim-son", _P, "Kim Son", ("Kim Son",)),  # as the translation writes him
    _entity(
        "per-han-xianchu",
        _P,
        "Han Xianchu",
        # "Hun Xianchu" and "Khan' Sian'-chu" are the translation's spellings (seed 002).
        ("Han Xianchu", "Hun Xianchu", "Khan' Sian'-chu", "Han Hsien-chu"),
        ("Хань Сянь-чу", "Хань Сяньчу"),
    ),
    _entity("per-wu-ruilin", _P, "Wu Ruilin", ("Wu Ruilin", "Wu Jui-lin"), ("У Жуй-линь",)),
    _entity("per-zhou-biao", _P, "Zhou Biao", ("Zhou Biao", "Chzhou Biao"), ("Чжоу Бяо",)),
    _entity(
        "per-pang-ho-san",
        _P,
        "Pang Ho-san",
        ("Pang Ho-san", "Pan Kho-Son", "Pan Khe-som", "Pan Kho-san"),
        ("Пан Хо Сан", "Пан Хо-сан"),
    ),
    _entity(
        "per-razuvaev",
        _P,
        "Vladimir Nikolaevich Razuvaev",
        ("Razuvaev", "V. N. Razuvaev"),
        ("Разуваев",),
    ),
    _entity(
        "per-roshchin",
        _P,
        "Nikolai Vasilievich Roshchin",
        ("Roshchin", "N. V. Roshchin"),
        ("Рощин",),
    ),
    _entity(
        "per-bulganin",
        _P,
        "Nikolai Aleksandrovich Bulganin",
        ("Bulganin", "N. A. Bulganin"),
        ("Булганин",),
    ),
    _entity(
        "per-molotov",
        _P,
        "Vyacheslav Mikhailovich Molotov",
        ("Molotov", "V. M. Molotov"),
        ("Молотов",),
    ),
    _entity(
        "per-malenkov",
        _P,
        "Georgy Maksimilianovich Malenkov",
        ("Malenkov",),
        ("Маленков",),
    ),
    _entity("per-beria", _P, "Lavrentiy Pavlovich Beria", ("Beria", "Beriya"), ("Берия",)),
    _entity("per-mikoyan", _P, "Anastas Ivanovich Mikoyan", ("Mikoyan",), ("Микоян",)),
    _entity("per-kaganovich", _P, "Lazar Moiseyevich Kaganovich", ("Kaganovich",), ("Каганович",)),
    _entity(
        "per-vyshinsky",
        _P,
        "Andrey Yanuaryevich Vyshinsky",
        ("Vyshinsky", "Vyshinskii"),
        ("Вышинский",),
    ),
    _entity("per-gromyko", _P, "Andrei Andreyevich Gromyko", ("Gromyko",), ("Громыко",)),
    _entity(
        "per-shtykov",
        _P,
        "Terentii Fomich Shtykov",
        ("Shtykov", "T. F. Shtykov"),
        ("Штыков",),
    ),
    _entity("per-liu-shaoqi", _P, "Liu Shaoqi", ("Liu Shaoqi", "Liu Shao-chi"), ("Лю Шао-ци",)),
    _entity("per-zhu-de", _P, "Zhu De", ("Zhu De", "Chu Teh"), ("Чжу Дэ",)),
    _entity(
        "per-syngman-rhee",
        _P,
        "Syngman Rhee",
        ("Syngman Rhee", "Rhee Syngman"),
        ("Ли Сын Ман",),
    ),
    _entity(
        "per-macarthur",
        _P,
        "Douglas MacArthur",
        ("MacArthur", "Douglas MacArthur"),
        ("Макартур",),
    ),
    _entity("per-truman", _P, "Harry S. Truman", ("Truman", "Harry Truman"), ("Трумэн",)),
    _entity("per-acheson", _P, "Dean Acheson", ("Acheson", "Dean Acheson"), ("Ачесон",)),
    _entity(
        "per-ridgway",
        _P,
        "Matthew B. Ridgway",
        ("Ridgway", "Matthew Ridgway"),
        ("Риджуэй",),
    ),
    _entity(
        "per-vasilevsky",
        _P,
        "Aleksandr Mikhailovich Vasilevsky",
        ("Vasilevsky", "Vasilevskii"),
        ("Василевский",),
    ),
    _entity("per-lin-biao", _P, "Lin Biao", ("Lin Biao", "Lin Piao"), ("Линь Бяо",)),
    _entity(
        "per-nie-rongzhen",
        _P,
        "Nie Rongzhen",
        ("Nie Rongzhen", "Nieh Jung-chen"),
        ("Не Жун-чжэнь", "Не Жунчжэнь"),
    ),
    _entity("per-kim-chaek", _P, "Kim Chaek", ("Kim Chaek",), ("Ким Чхэк",)),
    _entity(
        "per-choe-yong-gon",
        _P,
        "Choe Yong-gon",
        ("Choe Yong-gon", "Choi Yong-kun", "Choe Yong Gon"),
        ("Цой Ен Ген",),
    ),
    _entity("per-kim-tu-bong", _P, "Kim Tu-bong", ("Kim Tu-bong", "Kim Du-bong"), ("Ким Ду Бон",)),
    _entity("per-ni-zhiliang", _P, "Ni Zhiliang", ("Ni Zhiliang",), ("Ни Чжи-лян",)),
    # Places. Japanese-reading forms (Суйген, Генсю, Эйсю, Анто, Тайден, Фузан, Тайко) are tied
    # to their modern names by the parallel English translations of the seeds.
    _entity("pl-beijing", _L, "Beijing", ("Beijing", "Peking", "Peiping"), ("Пекин",)),
    _entity("pl-seoul", _L, "Seoul", ("Seoul", "Keijo"), ("Сеул",)),
    _entity(
        "pl-incheon",
        _L,
        "Incheon",
        ("Incheon", "Inchon", "Jemulpo", "Chemulpo", "Chemul'po"),
        ("Чемульпо", "Инчхон"),
    ),
    _entity("pl-pyongyang", _L, "Pyongyang", ("Pyongyang",), ("Пхеньян",)),
    _entity("pl-suwon", _L, "Suwon", ("Suwon", "Suigen"), ("Сувон", "Суйген")),
    _entity("pl-wonju", _L, "Wonju", ("Wonju", "Genshu"), ("Вонджу", "Генсю")),
    _entity("pl-andong", _L, "Andong", ("Andong",), ("Андон", "Анто")),
    _entity(
        "pl-daejeon",
        _L,
        "Daejeon",
        ("Daejeon", "Taejon", "Taejeon"),
        # "Гайдун" is the scan's misreading of "Тайден" (seed 000, aligned with "Daejeon").
        ("Тэджон", "Тайден", "Гайдун"),
    ),
    _entity("pl-yeongju", _L, "Yeongju", ("Yeongju", "Yongju"), ("Ёнджу", "Эйсю")),
    _entity(
        "pl-nampo",
        _L,
        "Nampo",
        ("Nampo", "Jinnampo", "Chinnampo", "Tsinnampo"),
        ("Нампхо", "Циннампо", "Чиннампо"),
    ),
    _entity("pl-gimpo", _L, "Gimpo", ("Gimpo", "Kimpo"), ("Кимпо",)),
    _entity("pl-busan", _L, "Busan", ("Busan", "Pusan", "Fusan"), ("Пусан", "Фузан")),
    _entity("pl-daegu", _L, "Daegu", ("Daegu", "Taegu"), ("Тэгу", "Тайко")),
    _entity("pl-chuncheon", _L, "Chuncheon", ("Chuncheon", "Chunchon"), ("Чхунчхон",)),
    _entity("pl-hongcheon", _L, "Hongcheon", ("Hongcheon", "Hongchon"), ("Хончхон",)),
    _entity("pl-gangneung", _L, "Gangneung", ("Gangneung", "Kangnung"), ("Каннын",)),
    _entity("pl-icheon", _L, "Icheon", ("Icheon", "Ichon"), ("Ичхон",)),
    _entity("pl-yeongdeok", _L, "Yeongdeok", ("Yeongdeok", "Yongdok")),
    _entity("pl-wonsan", _L, "Wonsan", ("Wonsan", "Genzan"), ("Вонсан",)),
    _entity("pl-sinuiju", _L, "Sinuiju", ("Sinuiju", "Singisiu"), ("Синыйджу",)),
    _entity(
        "pl-han-river",
        _L,
        "Han River",
        ("Han River", "Han-gang river", "river Han-gang", "Han-gang", "Hangang", "river Han"),
        # In the Russian scan the river is "Канко" (Japanese reading); alone the word is ambiguous
        # (it is also Hamhung), so only "river Канко" forms are listed.
        ("река Ханган", "река Канко", "реки Канко", "реку Канко", "реке Канко", "рекой Канко"),
        inflect=False,
    ),
    _entity("pl-yalu-river", _L, "Yalu River", ("Yalu River", "Yalu", "Amnok"), ("Ялу",)),
    _entity("pl-moscow", _L, "Moscow", ("Moscow",), ("Москва",)),
    _entity("pl-sochi", _L, "Sochi", ("Sochi",), ("Сочи",)),
    _entity("pl-manchuria", _L, "Manchuria", ("Manchuria",), ("Маньчжурия",)),
    _entity("pl-shenyang", _L, "Shenyang", ("Shenyang", "Mukden"), ("Шэньян", "Мукден")),
    _entity(
        "pl-dandong",
        _L,
        "Dandong",
        # Called Andong until 1965; "Andong" alone is left to the Korean city (seed 000).
        ("Dandong", "Antung"),
        ("Даньдун", "Аньдун"),
    ),
    _entity(
        "pl-port-arthur",
        _L,
        "Port Arthur",
        ("Port Arthur", "Lushun", "Lüshun"),
        ("Порт-Артур",),
    ),
    # Not "Дальний" (Dalny in Russian): it is also the common adjective "far".
    _entity("pl-dalian", _L, "Dalian", ("Dalian", "Dalny", "Dairen"), ("Далянь",)),
    _entity("pl-harbin", _L, "Harbin", ("Harbin",), ("Харбин",)),
    _entity("pl-vladivostok", _L, "Vladivostok", ("Vladivostok",), ("Владивосток",)),
    _entity("pl-khabarovsk", _L, "Khabarovsk", ("Khabarovsk",), ("Хабаровск",)),
    _entity("pl-tokyo", _L, "Tokyo", ("Tokyo",), ("Токио",)),
    _entity("pl-washington", _L, "Washington", ("Washington",), ("Вашингтон",)),
    _entity("pl-taiwan", _L, "Taiwan", ("Taiwan", "Formosa"), ("Тайвань", "Формоза")),
    _entity("pl-kaesong", _L, "Kaesong", ("Kaesong",), ("Кэсон", "Кесон")),
    _entity(
        "pl-panmunjom",
        _L,
        "Panmunjom",
        ("Panmunjom", "Panmunjeom"),
        ("Пханмунджом", "Пханмунчжом", "Паньмыньдянь"),
    ),
    _entity("pl-hamhung", _L, "Hamhung", ("Hamhung", "Hamheung"), ("Хамхын",)),
    _entity("pl-hungnam", _L, "Hungnam", ("Hungnam", "Heungnam"), ("Хыннам",)),
    _entity("pl-chongjin", _L, "Chongjin", ("Chongjin", "Cheongjin"), ("Чхонджин",)),
    _entity("pl-masan", _L, "Masan", ("Masan",), ("Масан",)),
    _entity(
        "pl-naktong-river",
        _L,
        "Naktong River",
        ("Naktong River", "Nakdong River", "Naktong"),
        ("Нактонган", "река Нактонг", "реки Нактонг", "реку Нактонг", "реке Нактонг"),
        inflect=False,
    ),
    _entity(
        "pl-imjin-river",
        _L,
        "Imjin River",
        ("Imjin River", "Imjin"),
        ("Имджинган", "река Имджин", "реки Имджин", "реку Имджин", "реке Имджин"),
        inflect=False,
    ),
    _entity("pl-china", _L, "China", ("China", "PRC"), ("Китай", "КНР")),
    _entity("pl-korea", _L, "Korea", ("Korea",), ("Корея",)),
    _entity(
        "pl-north-korea",
        _L,
        "North Korea",
        ("North Korea", "DPRK", "Democratic People's Republic of Korea"),
        ("Северная Корея", "Северной Кореи", "Северной Корее", "Северную Корею", "КНДР"),
        inflect=False,
    ),
    _entity(
        "pl-south-korea",
        _L,
        "South Korea",
        ("South Korea", "Republic of Korea", "ROK"),
        ("Южная Корея", "Южной Кореи", "Южной Корее", "Южную Корею"),
        inflect=False,
    ),
    _entity("pl-ussr", _L, "USSR", ("USSR", "Soviet Union"), ("СССР", "Советский Союз")),
    # Organisations.
    _entity(
        "org-second-main-administration",
        _O,
        "Second Main Administration of the General Staff of the Soviet Army",
        (
            "Second Main Administration of the General Staff of the Soviet Army",
            "Second Main Directorate of the General Staff of the Soviet Army",
            "Second Main Administration of the General Staff",
            "Second Main Directorate of the General Staff",
        ),
        (
            "Второе главное управление Генштаба Советской армии",
            "Второе главное управление Генерального штаба Советской армии",
        ),
        inflect=False,
    ),
    _entity(
        "org-kpa",
        _O,
        "Korean People's Army",
        ("Korean People's Army", "KPA"),
        ("Корейская народная армия", "КНА"),
        abbreviation="KPA",
        inflect=False,
    ),
    _entity(
        "org-cpv",
        _O,
        "Chinese People's Volunteers",
        ("Chinese People's Volunteers", "Chinese Volunteers", "Chinese Volunteer troops", "CPV"),
        ("Китайские народные добровольцы",),
        abbreviation="CPV",
        inflect=False,
    ),
    _entity(
        "org-wpk",
        _O,
        "Workers' Party of Korea",
        ("Workers' Party of Korea", "Korean Workers' Party", "Korean Workers' party", "WPK"),
        ("Трудовая партия Кореи", "ТПК"),
        abbreviation="WPK",
        inflect=False,
    ),
    _entity(
        "org-pla",
        _O,
        "People's Liberation Army",
        ("People's Liberation Army", "PLA"),
        ("Народно-освободительная армия Китая", "НОАК"),
        abbreviation="PLA",
        inflect=False,
    ),
    _entity(
        "org-un",
        _O,
        "United Nations",
        ("United Nations", "UN", "UNO"),
        ("Организация Объединённых Наций", "ООН"),
        abbreviation="UN",
        inflect=False,
    ),
)

# Chinese and Korean written forms: (Chinese, Korean), standard renderings of these names.
# Ambiguous ones are left out: 安东 is both Andong in Korea and Dandong in China; Korean 대전, 개성,
# 원주 and 대구 are also common words ("great war", "personality", "circumference", "cod").
_CJK: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "per-stalin": (("斯大林",), ("스탈린",)),
    "per-mao": (("毛泽东", "毛澤東"), ("마오쩌둥",)),
    "per-zhou-enlai": (("周恩来", "周恩來"), ("저우언라이",)),
    "per-peng-dehuai": (("彭德怀", "彭德懷"), ("펑더화이",)),
    "per-kim-il-sung": (("金日成",), ("김일성",)),
    "per-gao-gang": (("高岗", "高崗"), ()),
    "per-pak-hon-yong": (("朴宪永", "朴憲永"), ("박헌영",)),
    "per-pak-il-u": (("朴一禹",), ("박일우",)),
    "per-pang-ho-san": (("方虎山",), ("방호산",)),
    "per-han-xianchu": (("韩先楚", "韓先楚"), ()),
    "per-wu-ruilin": (("吴瑞林", "吳瑞林"), ()),
    "per-liu-shaoqi": (("刘少奇", "劉少奇"), ()),
    "per-zhu-de": (("朱德",), ()),
    "per-nie-rongzhen": (("聂荣臻", "聶榮臻"), ()),
    "per-lin-biao": (("林彪",), ()),
    "per-ni-zhiliang": (("倪志亮",), ()),
    "per-kim-chaek": (("金策",), ("김책",)),
    "per-choe-yong-gon": (("崔庸健",), ("최용건",)),
    "per-kim-tu-bong": (("金枓奉",), ("김두봉",)),
    "per-syngman-rhee": (("李承晚",), ("이승만",)),
    "per-macarthur": (("麦克阿瑟", "麥克阿瑟"), ("맥아더",)),
    "per-truman": (("杜鲁门", "杜魯門"), ("트루먼",)),
    "per-molotov": (("莫洛托夫",), ("몰로토프",)),
    "pl-beijing": (("北京", "北平"), ("베이징",)),
    "pl-seoul": (("汉城", "漢城"), ("서울",)),
    "pl-pyongyang": (("平壤",), ("평양",)),
    "pl-incheon": (("仁川",), ("인천",)),
    "pl-moscow": (("莫斯科",), ("모스크바",)),
    "pl-korea": (("朝鲜", "朝鮮"), ("조선",)),
    "pl-china": (("中国", "中國"), ("중국",)),
    "pl-ussr": (("苏联", "蘇聯"), ("소련",)),
    "pl-han-river": (("汉江", "漢江"), ("한강",)),
    "pl-suwon": (("水原",), ("수원",)),
    "pl-wonju": (("原州",), ()),
    "pl-busan": (("釜山",), ("부산",)),
    "pl-daegu": (("大邱",), ()),
    "pl-sinuiju": (("新义州", "新義州"), ("신의주",)),
    "pl-wonsan": (("元山",), ("원산",)),
    "pl-hamhung": (("咸兴", "咸興"), ("함흥",)),
    "pl-chuncheon": (("春川",), ("춘천",)),
    "pl-gimpo": (("金浦",), ("김포",)),
    "pl-nampo": (("南浦", "镇南浦", "鎮南浦"), ("남포", "진남포")),
    "pl-panmunjom": (("板门店", "板門店"), ("판문점",)),
    "pl-yalu-river": (("鸭绿江", "鴨綠江"), ("압록강",)),
    "pl-shenyang": (("沈阳", "瀋陽"), ()),
    "pl-dandong": (("丹东", "丹東"), ()),
    "pl-port-arthur": (("旅顺", "旅順"), ()),
    "pl-dalian": (("大连", "大連"), ()),
    "pl-harbin": (("哈尔滨", "哈爾濱"), ()),
    "pl-taiwan": (("台湾", "臺灣"), ("대만",)),
    "org-kpa": (("朝鲜人民军", "朝鮮人民軍"), ("조선인민군",)),
    "org-cpv": (("中国人民志愿军", "中國人民志願軍", "志愿军", "志願軍"), ()),
    "org-pla": (("中国人民解放军", "中國人民解放軍"), ()),
    "org-wpk": (("朝鲜劳动党", "朝鮮勞動黨"), ("조선로동당",)),
    "org-un": (("联合国", "聯合國"), ("국제연합",)),
}
# Stalin's code name in Chinese-language cables.
_CJK_PSEUDONYMS: dict[str, tuple[str, ...]] = {"per-stalin": ("菲利波夫",)}


ARCHIVES: dict[str, Archive] = {
    a.key: a
    for a in (
        Archive(
            "APRF",
            "APRF",
            "Archive of the President of the Russian Federation",
            "Russia",
            "Moscow",
            "org-aprf",
            (
                "APRF",
                "AP RF",
                "Archive of the President of the Russian Federation",
                "АП РФ",
                "АПРФ",
            ),
            "Архив Президента Российской Федерации",
        ),
        Archive(
            "RGASPI",
            "RGASPI",
            "Russian State Archive of Socio-Political History",
            "Russia",
            "Moscow",
            "org-rgaspi",
            ("RGASPI", "Russian State Archive of Socio-Political History", "РГАСПИ", "RTsKhIDNI"),
            "Российский государственный архив социально-политической истории",
        ),
        Archive(
            "AVPRF",
            "AVPRF",
            "Archive of Foreign Policy of the Russian Federation",
            "Russia",
            "Moscow",
            "org-avprf",
            (
                "AVPRF",
                "AVP RF",
                "Archive of Foreign Policy of the Russian Federation",
                "АВП РФ",
                "АВПРФ",
            ),
            "Архив внешней политики Российской Федерации",
        ),
        Archive(
            "TsAMO",
            "TsAMO",
            "Central Archive of the Ministry of Defence of the Russian Federation",
            "Russia",
            "Podolsk",
            "org-tsamo",
            ("TsAMO", "TsAMO RF", "TSAMO", "ЦАМО", "ЦАМО РФ"),
            "Центральный архив Министерства обороны Российской Федерации",
        ),
        Archive(
            "GARF",
            "GARF",
            "State Archive of the Russian Federation",
            "Russia",
            "Moscow",
            "org-garf",
            ("GARF", "State Archive of the Russian Federation", "ГАРФ"),
            "Государственный архив Российской Федерации",
        ),
        Archive(
            "RGANI",
            "RGANI",
            "Russian State Archive of Contemporary History",
            "Russia",
            "Moscow",
            "org-rgani",
            ("RGANI", "Russian State Archive of Contemporary History", "РГАНИ", "TsKhSD"),
            "Российский государственный архив новейшей истории",
        ),
        Archive(
            "RGVA",
            "RGVA",
            "Russian State Military Archive",
            "Russia",
            "Moscow",
            "org-rgva",
            ("RGVA", "Russian State Military Archive", "РГВА"),
            "Российский государственный военный архив",
        ),
        Archive(
            "RGAE",
            "RGAE",
            "Russian State Archive of the Economy",
            "Russia",
            "Moscow",
            "org-rgae",
            ("RGAE", "Russian State Archive of the Economy", "РГАЭ"),
            "Российский государственный архив экономики",
        ),
    )
}


def _archive_orgs() -> tuple[Entity, ...]:
    """Each archive is also an organisation, so `repository/@ref` resolves into listOrg."""
    return tuple(
        Entity(
            id=a.org_id,
            kind=_O,
            name=a.name,
            names_en=tuple(v for v in a.variants if v.isascii()),
            names_ru=tuple(v for v in a.variants if not v.isascii()),
            abbreviation=a.abbreviation,
            name_ru=a.name_ru,
        )
        for a in ARCHIVES.values()
    )


def _with_cjk(ent: Entity) -> Entity:
    zh, ko = _CJK.get(ent.id, ((), ()))
    ps = _CJK_PSEUDONYMS.get(ent.id, ())
    return replace(ent, names_zh=zh, names_ko=ko, pseudonyms_zh=ps) if (zh or ko or ps) else ent


ENTITIES: dict[str, Entity] = {
    e.id: e for e in (_with_cjk(e) for e in (*_ENTRIES, *_archive_orgs()))
}


def archive_for(written: str) -> Archive | None:
    """The archive a written name or abbreviation stands for ("AP RF" -> APRF), or None."""
    key = "".join(written.split()).casefold()
    return _ARCHIVE_BY_FORM.get(key)


_ARCHIVE_BY_FORM: dict[str, Archive] = {
    "".join(v.split()).casefold(): a for a in ARCHIVES.values() for v in (*a.variants, a.key)
}
