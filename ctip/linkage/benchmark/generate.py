"""A labelled benchmark: attendance-sheet records of known people, written the ways the
region writes names. Deterministic for a seed; no real people.

Each true person has a country, sex, organisation and maybe an email and phone. They attend
1-6 events; each attendance is one record, the name written with some of: a title or
honorific (U, Daw, Pol. Lt. Col., Atty., Judge, Dr., Ibu), an Indonesian degree (S.H., M.Si.),
another name order, "Family, Given" comma order, "Ma." for Maria, a romanisation variant
(Somchai/Somchay, Boonma/Bunma, Phongsak/Pongsak, Vichai/Wichai), Thai script instead of
Latin, Vietnamese without diacritics, a dropped middle name, or a typo. The organisation is
written in full or as its acronym, or left out; email, phone, sex and country are sometimes
missing. Names come from small pools, so different people share names (many Nguyễn Văn Anh)
and must be told apart by the rest.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from anyascii import anyascii

VIETNAMESE_FAMILY = [("Nguyễn", 30), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5),
                     ("Huỳnh", 5), ("Phan", 4), ("Vũ", 4), ("Võ", 3), ("Đặng", 2), ("Bùi", 2),
                     ("Đỗ", 2), ("Hồ", 2), ("Ngô", 2), ("Dương", 1), ("Lý", 1)]  # fmt: skip
VIETNAMESE_MIDDLE = {
    "male": [("Văn", 35), ("Đức", 10), ("Minh", 10), ("Quốc", 8), ("Hữu", 8), ("Thanh", 7),
             ("Công", 6), ("Trọng", 6), ("Xuân", 5), ("Duy", 5)],
    "female": [("Thị", 45), ("Ngọc", 10), ("Thu", 8), ("Thanh", 8), ("Kim", 7), ("Thùy", 6),
               ("Phương", 6), ("Hồng", 5), ("Bích", 5)],
}  # fmt: skip
VIETNAMESE_GIVEN = {
    "male": ["Anh", "Hùng", "Minh", "Tuấn", "Dũng", "Nam", "Hải", "Long", "Quang", "Sơn",
             "Thắng", "Việt", "Bình", "Cường", "Đức", "Khoa", "Phúc", "Trung", "Tâm", "Hiếu",
             "Huy", "Khánh", "Lâm", "Lực", "Nghĩa", "Phong", "Tài", "Thịnh", "Toàn", "Vinh",
             "An", "Bảo", "Chiến", "Công", "Danh", "Đạt", "Định", "Đông", "Giang", "Hào",
             "Hậu", "Hiệp", "Hòa", "Hoàng", "Hưng", "Khải", "Kiên", "Lộc", "Luân", "Mạnh",
             "Nhân", "Ninh", "Phát", "Phú", "Quân", "Quý", "Sang", "Tân", "Thái", "Thành",
             "Thiện", "Thông", "Tiến", "Tín", "Trí", "Triều", "Trọng", "Tùng", "Tú", "Vũ",
             "Hoan", "Khiêm", "Lợi", "Nguyên", "Nhật", "Phước", "Quyết", "Sỹ", "Thuận", "Vĩnh"],
    "female": ["Anh", "Lan", "Hương", "Linh", "Hoa", "Thu", "Mai", "Trang", "Phương", "Hà",
               "Ngọc", "Thảo", "Yến", "Nhung", "Hằng", "Vân", "Chi", "Dung", "Giang", "Hạnh",
               "Hiền", "Huyền", "Loan", "Nga", "Oanh", "Quyên", "Tâm", "Uyên", "Xuân",
               "Ánh", "Bích", "Diệp", "Diễm", "Duyên", "Hảo", "Hậu", "Hoài", "Hồng", "Khanh",
               "Kiều", "Lài", "Liên", "Liễu", "Lụa", "Ly", "My", "Nương", "Nhàn", "Nhi",
               "Nhiên", "Nhung", "Phượng", "Quế", "Quỳnh", "Sen", "Thắm", "Thanh", "Thơ",
               "Thủy", "Thúy", "Tiên", "Trâm", "Trinh", "Tuyết", "Vy", "Yên", "Hường", "Lệ",
               "Mến", "Ngân", "Ninh", "Phấn", "Thoa", "Thương", "Trà", "Tươi", "Vui", "Xoan"],
}  # fmt: skip
# Latin spelling, Thai script (or None), variant spellings
THAI_GIVEN = {
    "male": [("Somchai", "สมชาย", ["Somchay"]), ("Somsak", "สมศักดิ์", []),
             ("Wichai", "วิชัย", ["Vichai"]), ("Pongsak", "พงษ์ศักดิ์", ["Phongsak"]),
             ("Prasert", None, ["Prasit"]), ("Chatchai", None, ["Chadchai", "Chatchay"]),
             ("Thanawat", None, ["Tanawat"]), ("Niran", None, []), ("Boonsong", None, ["Bunsong"]),
             ("Kittisak", None, ["Kitisak"]), ("Surachai", None, ["Surachay"])],
    "female": [("Suda", "สุดา", []), ("Malee", "มาลี", ["Mali"]), ("Kanya", "กัญญา", []),
               ("Jirapa", None, ["Chirapa"]), ("Siriporn", None, ["Siripon"]),
               ("Sunee", None, ["Suni"]), ("Apinya", None, ["Aphinya"]),
               ("Wilai", None, ["Vilai"]), ("Nattaya", None, ["Natthaya"]),
               ("Pornthip", None, ["Porntip"])],
}  # fmt: skip
THAI_FAMILY = [("Srisuk", "ศรีสุข", ["Srisook"]), ("Boonma", "บุญมา", ["Bunma"]),
               ("Thongdee", "ทองดี", ["Thongdi"]), ("Saengthong", "แสงทอง", []),
               ("Sriwattana", None, ["Sriwatana"]), ("Wongsawat", None, ["Vongsawat"]),
               ("Rattanakorn", None, ["Ratanakorn"]), ("Kaewkla", None, ["Kaewkhla"]),
               ("Chaiyaphum", None, ["Chaiyapoom"]), ("Saetang", None, ["Sae-tang"]),
               ("Phongphan", None, ["Pongpan"]), ("Inthanon", None, ["Intanon"])]  # fmt: skip
FILIPINO_GIVEN = {
    "male": ["Jose", "Juan Carlos", "Mark Anthony", "Ricardo", "Michael", "John Paul",
             "Ramon", "Eduardo", "Antonio", "Jerome", "Roberto", "Fernando", "Rodrigo",
             "Danilo", "Ernesto", "Arnel", "Rommel", "Jonathan", "Christian", "Paolo",
             "Rafael", "Emmanuel", "Noel", "Romeo", "Alvin", "Dennis", "Marlon", "Reynaldo",
             "Wilfredo", "Benjamin"],
    "female": ["Maria Cristina", "Maria Theresa", "Maria Luisa", "Ana", "Rosalie",
               "Jennifer", "Maricel", "Liza", "Grace", "Maria", "Maria Elena",
               "Maria Victoria", "Rowena", "Marites", "Lorna", "Imelda", "Cecilia", "Evelyn",
               "Teresita", "Josephine", "Rachelle", "Kristine", "Angelica", "Marilou",
               "Analyn", "Jocelyn", "Leonora", "Erlinda", "Shiela", "Carmela"],
}  # fmt: skip
FILIPINO_FAMILY = ["Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Ramos",
                   "Villanueva", "Aquino", "Castillo", "Flores", "Navarro", "Gonzales",
                   "Torres", "Lopez", "Rivera", "Dizon", "Manalo", "Pascual", "Domingo",
                   "Salazar", "Fernandez", "Morales", "Soriano", "Tolentino", "Valdez",
                   "Gutierrez", "Lim", "Tan", "Macaraeg", "Panganiban", "Dimaculangan",
                   "Magbanua", "Ocampo", "Santiago", "Estrada", "Mercado", "Agustin"]  # fmt: skip
INDONESIAN_GIVEN = {
    "male": ["Budi", "Agus", "Joko", "Ahmad", "Wahyu", "Hendra", "Rudi", "Eko", "Bambang",
             "Dedi", "Fajar", "Galih", "Irwan", "Yudi", "Arif", "Dimas", "Rizky", "Teguh",
             "Andi", "Bayu", "Cahyo", "Darmawan", "Edi", "Feri", "Gilang", "Hadi", "Iwan",
             "Kurnia", "Lukman", "Mulyadi", "Nanang", "Prasetyo", "Sigit", "Taufik",
             "Yoga", "Zainal"],
    "female": ["Siti", "Dewi", "Sri", "Rina", "Nur", "Wulan", "Indah", "Ratna", "Yuni",
               "Ayu", "Fitri", "Lina", "Maya", "Novi", "Putri", "Rahmi", "Sari", "Tuti",
             "Anisa", "Bunga", "Citra", "Dian", "Endah", "Farida", "Gita", "Hesti",
             "Intan", "Kartika", "Lestari", "Mega", "Nining", "Pertiwi", "Retno", "Susi",
             "Wati", "Yanti"],
}  # fmt: skip
INDONESIAN_FAMILY = ["Santoso", "Rahayu", "Wijaya", "Hidayat", "Kusuma", "Saputra",
                     "Nugroho", "Pratama", "Lestari", "Setiawan", "Susanto", "Gunawan",
                     "Halim", "Siregar", "Nasution", "Hutapea", "Simanjuntak", "Purnomo",
                     "Wibowo", "Kurniawan", "Suharto", "Firmansyah", "Ramadhan", "Sitompul",
                     "Harahap", "Wahyudi", "Permana", "Utomo", "Syahputra", "Handoko"]  # fmt: skip
BURMESE = {
    "male": ["Aung Kyaw", "Zaw Min Htun", "Kyaw Zaw Oo", "Myo Min", "Min Thu", "Htet Aung",
             "Soe Win", "Tun Tun", "Ye Lin", "Thura Aung"],
    "female": ["Khin Myint", "Thandar Win", "Su Su Hlaing", "Nilar Aung", "Aye Aye Mon",
               "Thida Htwe", "Moe Moe", "Hnin Wai", "Zin Mar", "Ei Phyu"],
}  # fmt: skip
KHMER_GIVEN = {
    "male": ["Dara", "Vannak", "Rithy", "Sokha", "Visal", "Pisey", "Chanthou", "Bunthoeun"],
    "female": ["Sokha", "Chenda", "Sopheap", "Bopha", "Srey Mom", "Channary", "Kunthea"],
}  # fmt: skip
KHMER_FAMILY = ["Chan", "Sok", "Keo", "Chea", "Heng", "Lim", "Meas", "Pich", "Ly", "Chhim"]
LAO_GIVEN = {
    "male": ["Somphone", "Bounmy", "Khamla", "Vanh", "Souk", "Phet", "Thongsavanh"],
    "female": ["Bounmy", "Khamphone", "Vilayvanh", "Noy", "Manivone", "Souksavanh"],
}  # fmt: skip
LAO_FAMILY = ["Phommachanh", "Keomany", "Sisouphanh", "Sayavong", "Vongsa", "Inthavong",
              "Souvannavong", "Phanthavong"]  # fmt: skip
MALAY = {
    "male": ["Muhammad Hafiz", "Ahmad Faiz", "Muhammad Amin", "Mohd Rizal", "Azman"],
    "female": ["Nur Aisyah", "Siti Aminah", "Nurul Huda", "Farah", "Aishah"],
}  # fmt: skip
MALAY_FATHERS = [
    "Abdullah",
    "Ahmad",
    "Ismail",
    "Hassan",
    "Ibrahim",
    "Osman",
    "Yusof",
    "Rahman",
    "Hamid",
    "Aziz",
    "Salleh",
    "Kassim",
    "Razak",
    "Mansor",
    "Ghani",
    "Jaafar",
    "Mokhtar",
    "Sulaiman",
    "Zakaria",
    "Harun",
    "Idris",
    "Latif",
]

ORGANISATIONS = {
    "VN": [("Ministry of Public Security", "MPS"),
           ("Ministry of Labour, Invalids and Social Affairs", "MOLISA"),
           ("Vietnam Women's Union", "VWU"), ("Blue Dragon Children's Foundation", "BDCF"),
           ("Supreme People's Procuracy", "SPP"), ("Supreme People's Court", "SPC"),
           ("Border Guard Command", "BGC"), ("Ministry of Foreign Affairs", "MOFA")],
    "TH": [("Royal Thai Police", "RTP"), ("Department of Special Investigation", "DSI"),
           ("Ministry of Social Development and Human Security", "MSDHS"),
           ("Office of the Attorney General", "OAG"), ("Immigration Bureau", "IMM"),
           ("Department of Employment", "DOE"), ("Court of Justice", "COJ"),
           ("Anti-Trafficking in Persons Division", "ATPD")],
    "PH": [("Department of Justice", "DOJ"),
           ("Department of Social Welfare and Development", "DSWD"),
           ("Inter-Agency Council Against Trafficking", "IACAT"),
           ("Philippine National Police", "PNP"), ("Bureau of Immigration", "BI"),
           ("National Bureau of Investigation", "NBI"), ("Department of Migrant Workers", "DMW"),
           ("Public Attorney's Office", "PAO")],
    "ID": [("Indonesian National Police", "POLRI"),
           ("Ministry of Women Empowerment and Child Protection", "KPPPA"),
           ("Attorney General's Office", "AGO"), ("Directorate General of Immigration", "DGI"),
           ("Ministry of Manpower", "KEMNAKER"), ("Supreme Court", "MA")],
    "MM": [("Myanmar Police Force", "MPF"), ("Department of Social Welfare", "DSW"),
           ("Anti Trafficking in Persons Division", "ATIPD"),
           ("Department of Labour", "DOL"), ("Union Attorney General's Office", "UAGO")],
    "KH": [("National Committee for Counter Trafficking", "NCCT"), ("Ministry of Interior", "MOI"),
           ("Ministry of Social Affairs", "MOSVY"), ("Ministry of Justice", "MOJ"),
           ("Anti-Human Trafficking and Juvenile Protection Department", "AHTJP")],
    "LA": [("Ministry of Public Security", "MOPS"), ("Lao Women's Union", "LWU"),
           ("Ministry of Labour and Social Welfare", "MOLSW"),
           ("Office of the Supreme People's Prosecutor", "OSPP")],
    "MY": [("Royal Malaysia Police", "PDRM"), ("Council for Anti-Trafficking in Persons", "MAPO"),
           ("Immigration Department", "JIM"), ("Labour Department", "JTK")],
}  # fmt: skip
# Syllables for names that are diverse in life (Thai and Lao family names, Burmese names).
THAI_SYLLABLES = [
    "som",
    "su",
    "wi",
    "pong",
    "chat",
    "tha",
    "ni",
    "boon",
    "kit",
    "sura",
    "ma",
    "kan",
    "ji",
    "siri",
    "apin",
    "nat",
    "porn",
    "pra",
    "chai",
    "anu",
    "sak",
    "thong",
    "rat",
    "wan",
    "sup",
    "kham",
    "ploy",
    "sri",
    "phan",
    "kaew",
    "in",
    "sang",
    "wong",
    "charoen",
    "tip",
    "yot",
    "rung",
    "lert",
    "sawat",
    "dee",
]
BURMESE_SYLLABLES = [
    "aung",
    "kyaw",
    "zaw",
    "min",
    "htun",
    "myo",
    "thu",
    "htet",
    "soe",
    "win",
    "tun",
    "ye",
    "lin",
    "thura",
    "khin",
    "myint",
    "thandar",
    "su",
    "hlaing",
    "nilar",
    "aye",
    "mon",
    "thida",
    "htwe",
    "moe",
    "hnin",
    "wai",
    "zin",
    "mar",
    "ei",
    "phyu",
    "naing",
    "oo",
    "san",
    "nyein",
    "chan",
    "kyi",
    "maung",
    "hla",
]
LAO_SYLLABLES = [
    "som",
    "phone",
    "boun",
    "my",
    "kham",
    "la",
    "vanh",
    "souk",
    "phet",
    "thong",
    "sa",
    "vilay",
    "noy",
    "mani",
    "vone",
    "keo",
    "si",
    "sou",
    "phanh",
    "vong",
    "inta",
    "pha",
    "chanh",
    "say",
    "dara",
]
KHMER_SYLLABLES = [
    "so",
    "phea",
    "dara",
    "vann",
    "rith",
    "sok",
    "visal",
    "pi",
    "sey",
    "chan",
    "thou",
    "bun",
    "thoeun",
    "bo",
    "pha",
    "kun",
    "thea",
    "ry",
    "na",
    "vy",
    "sophal",
    "chenda",
    "rat",
    "tha",
    "ny",
    "mony",
    "kosal",
    "leak",
    "sreng",
]
MALAY_EXTRA = [
    "Hafiz",
    "Faiz",
    "Amin",
    "Rizal",
    "Azman",
    "Syafiq",
    "Hakim",
    "Irfan",
    "Khairul",
    "Zulkifli",
    "Aiman",
    "Haziq",
    "Danial",
    "Firdaus",
    "Shahrul",
    "Aisyah",
    "Aminah",
    "Huda",
    "Farah",
    "Aishah",
    "Nabila",
    "Syazwani",
    "Izzati",
    "Hidayah",
    "Liyana",
    "Amira",
    "Zahra",
    "Balqis",
    "Sofia",
    "Alya",
]
COUNTRY_WEIGHTS = [("VN", 22), ("TH", 20), ("PH", 16), ("ID", 14), ("MM", 10), ("KH", 8),
                   ("LA", 5), ("MY", 5)]  # fmt: skip
TITLES = {  # any sex
    "TH": ["Pol. Lt. Col.", "Pol. Col.", "Khun", "Dr."],
    "PH": ["Atty.", "Judge", "Dr.", "Hon."],
    "ID": ["Dr.", "Drs."],
    "MM": [],  # U / Daw by sex
    "VN": ["Dr."],
    "KH": ["H.E.", "Dr."],
    "LA": ["Dr."],
    "MY": ["Dr.", "Dato'"],
}
TITLES_BY_SEX = {  # a man is not written "Ibu" or "Ms."
    "male": {"ID": ["Bapak"], "VN": ["Mr."], "KH": ["Mr."], "LA": ["Mr."], "MY": ["Encik"],
             "MM": ["U"]},
    "female": {"ID": ["Ibu"], "VN": ["Ms."], "KH": ["Ms."], "LA": ["Ms."], "MY": ["Puan"],
               "MM": ["Daw"]},
}  # fmt: skip
DEGREES = ["S.H.", "M.H.", "S.Sos.", "M.Si.", "S.E.", "S.Pd."]
# Positions as sign-in sheets ask for them, most common first; each with the ways it is
# abbreviated. Many people share a position: it tells people apart only beside the rest.
POSITIONS = [
    ("Police Officer", 12, ["Pol. Officer", "Police Off."]), ("Investigator", 8, ["Invest."]),
    ("Social Worker", 8, []), ("Prosecutor", 6, ["Public Prosecutor"]),
    ("Program Officer", 6, ["Programme Officer", "Prog. Officer"]),
    ("Immigration Officer", 5, ["Immigration Off."]), ("Labour Inspector", 5, ["Labor Inspector"]),
    ("Deputy Director", 4, ["Dep. Director", "Dep. Dir."]), ("Director", 3, ["Dir."]),
    ("Judge", 3, []), ("Legal Officer", 3, []), ("Case Manager", 3, ["Case Mgr."]),
    ("Police Captain", 3, ["Pol. Capt.", "Police Capt."]),
    ("Police Lieutenant", 3, ["Pol. Lt.", "Police Lt."]),
    ("Police Major", 2, ["Pol. Maj."]), ("Police Lieutenant Colonel", 2, ["Pol. Lt. Col."]),
    ("Head of Division", 2, ["Head of Div."]), ("Chief of Section", 2, ["Section Chief"]),
    ("Senior Investigator", 2, ["Sr. Investigator"]), ("Desk Officer", 2, []),
    ("Senior Social Worker", 2, ["Sr. Social Worker"]), ("Court Clerk", 2, []),
    ("Policy Officer", 2, []), ("Case Worker", 2, ["Caseworker"]),
    ("Assistant Director", 1, ["Asst. Director"]), ("Border Guard Officer", 1, []),
    ("Counsellor", 1, ["Counselor"]), ("Shelter Manager", 1, ["Shelter Mgr."]),
    ("Researcher", 1, []), ("Lecturer", 1, []), ("Advocacy Officer", 1, []),
    ("Compliance Manager", 1, []), ("Data Officer", 1, []), ("Interpreter", 1, []),
    ("Public Attorney", 1, []), ("Department Head", 1, ["Head of Department"]),
    ("Provincial Coordinator", 1, ["Prov. Coordinator"]), ("Hotline Operator", 1, []),
]  # fmt: skip


@dataclass(frozen=True)
class Person:
    truth: int
    country: str
    sex: str
    given: str
    family: str
    family_first: bool
    thai: tuple | None  # (given Thai script, family Thai script) when known
    variants: tuple[tuple[str, ...], tuple[str, ...]]  # spelling variants of given, family
    organisation: tuple[str, str]
    moved_to: tuple[str, str] | None  # a second organisation (a move or a secondment)
    positions: tuple[tuple[str, list[str]], ...]  # one, or two after a promotion
    title: str | None  # written on some sheets, not others
    email: str | None
    phone: str | None


def _weighted(rng: random.Random, pairs):
    names, weights = zip(*pairs, strict=True)
    return rng.choices(names, weights)[0]


def _compose(rng: random.Random, syllables: list[str], low: int, high: int) -> str:
    return "".join(rng.choice(syllables) for _ in range(rng.randint(low, high))).capitalize()


def _person(rng: random.Random, truth: int) -> Person:
    country = _weighted(rng, COUNTRY_WEIGHTS)
    sex = rng.choice(["female", "male"])
    thai = None
    variants: tuple = ((), ())
    family_first = False
    if country == "VN":
        family = _weighted(rng, VIETNAMESE_FAMILY)
        given = f"{_weighted(rng, VIETNAMESE_MIDDLE[sex])} {rng.choice(VIETNAMESE_GIVEN[sex])}"
        family_first = True
    elif country == "TH":
        given_entry = rng.choice(THAI_GIVEN[sex])
        family_entry = rng.choice(THAI_FAMILY)
        if rng.random() < 0.8:  # Thai family names are nearly unique to a family
            family_entry = (_compose(rng, THAI_SYLLABLES, 2, 3), None, [])
        given, family = given_entry[0], family_entry[0]
        if given_entry[1] and family_entry[1]:
            thai = (given_entry[1], family_entry[1])
        variants = (tuple(given_entry[2]), tuple(family_entry[2]))
    elif country == "PH":
        given, family = rng.choice(FILIPINO_GIVEN[sex]), rng.choice(FILIPINO_FAMILY)
        if rng.random() < 0.6:  # the mother's family name as a middle name
            family = f"{rng.choice(FILIPINO_FAMILY)} {family}"
    elif country == "ID":
        given, family = rng.choice(INDONESIAN_GIVEN[sex]), rng.choice(INDONESIAN_FAMILY)
        if rng.random() < 0.5:
            given = f"{given} {rng.choice(INDONESIAN_GIVEN[sex])}"
        if rng.random() < 0.08:
            family = ""  # a single name
    elif country == "MM":
        given, family = rng.choice(BURMESE[sex]), ""
        if rng.random() < 0.95:  # names are made of syllables, few are set phrases
            given = " ".join(
                rng.choice(BURMESE_SYLLABLES).capitalize() for _ in range(rng.choice((2, 3, 3)))
            )
    elif country == "KH":
        given, family = rng.choice(KHMER_GIVEN[sex]), rng.choice(KHMER_FAMILY)
        if rng.random() < 0.7:
            given = _compose(rng, KHMER_SYLLABLES, 2, 2)
        family_first = True
    elif country == "LA":
        given, family = rng.choice(LAO_GIVEN[sex]), rng.choice(LAO_FAMILY)
        if rng.random() < 0.5:
            given = _compose(rng, LAO_SYLLABLES, 2, 2)
        if rng.random() < 0.9:  # Lao family names are nearly unique to a family
            family = _compose(rng, LAO_SYLLABLES, 2, 3)
    else:
        link = "bin" if sex == "male" else "binti"
        given, family = rng.choice(MALAY[sex]), f"{link} {rng.choice(MALAY_FATHERS)}"
        if rng.random() < 0.7:
            first = ("Muhammad", "Ahmad", "Mohd") if sex == "male" else ("Nur", "Siti", "Nurul")
            given = f"{rng.choice(first)} {rng.choice(MALAY_EXTRA)}"
    organisation = rng.choice(ORGANISATIONS[country])
    moved_to = rng.choice(ORGANISATIONS[country]) if rng.random() < 0.05 else None
    position = _weighted(rng, [((name, variants), weight) for name, weight, variants in POSITIONS])
    positions = (position,)
    if rng.random() < 0.1:  # promoted, or a new job, during the program
        positions += (
            _weighted(rng, [((name, variants), weight) for name, weight, variants in POSITIONS]),
        )
    titles = TITLES[country] + TITLES_BY_SEX[sex].get(country, [])
    title = rng.choice(titles) if titles and rng.random() < 0.35 else None
    handle = f"{given.split()[0]}.{(family or given).split()[-1]}".lower()
    handle = anyascii(handle)
    email = (
        f"{handle}{rng.randint(1, 999)}@{organisation[1].lower()}.example"
        if rng.random() < 0.7
        else None
    )
    phone = f"0{rng.randint(800000000, 999999999)}" if rng.random() < 0.5 else None
    return Person(truth, country, sex, given, family, family_first, thai, variants,
                  organisation, moved_to, positions, title, email, phone)  # fmt: skip


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.33:
        return word[:i] + word[i + 1 :]
    if kind < 0.66:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice("aeiounrst") + word[i + 1 :]


def _written_name(rng: random.Random, person: Person) -> str:
    given, family = person.given, person.family
    if person.country == "TH" and person.thai and rng.random() < 0.25:
        return f"{person.thai[0]} {person.thai[1]}"
    if person.variants[0] and rng.random() < 0.3:
        given = rng.choice(person.variants[0])
    if person.variants[1] and rng.random() < 0.3:
        family = rng.choice(person.variants[1])
    if person.country == "VN" and rng.random() < 0.4:
        given, family = anyascii(given), anyascii(family)
        given = given[0].upper() + given[1:]
    if person.country == "PH" and given.startswith("Maria ") and rng.random() < 0.4:
        given = "Ma. " + given[6:]
    if " " in given and person.country in ("PH", "VN") and rng.random() < 0.1:
        given = given.split()[0] if person.country == "PH" else given.split()[-1]
    if rng.random() < 0.08:
        words = (given + " " + family).split()
        k = rng.randrange(len(words))
        words[k] = _typo(rng, words[k])
        given, family = " ".join(words[: len(given.split())]), " ".join(words[len(given.split()) :])
    if not family:
        name = given
    elif person.family_first and rng.random() < 0.7:
        name = f"{family} {given}"
    elif rng.random() < 0.12:
        name = f"{family}, {given}"
    else:
        name = f"{given} {family}"
    if person.title and rng.random() < 0.6:
        name = f"{person.title} {name}"
    if person.country == "ID" and rng.random() < 0.2 and ", " not in name:
        name = f"{name}, {rng.choice(DEGREES)}"
    if rng.random() < 0.05:
        name = name.upper()
    return name


def _phone_written(rng: random.Random, phone: str) -> str:
    if rng.random() < 0.5:
        return f"+66 {phone[1:3]} {phone[3:6]} {phone[6:]}"
    return phone


@dataclass(frozen=True)
class Benchmark:
    records: list[dict]  # one per attendance: unique_id, name, organisation, ..., truth


def generate(people: int, *, seed: int = 2025) -> Benchmark:
    """Records for PEOPLE true people (about 2.3 records each), reproducible for SEED."""
    rng = random.Random(seed)
    records: list[dict] = []
    # Events of about 25 participants in each country; a person attends events of their
    # country, never one event twice (two records at one event are two people).
    total = sum(weight for _, weight in COUNTRY_WEIGHTS)
    events = {
        country: max(8, round(people * 1.9 * weight / total / 25))
        for country, weight in COUNTRY_WEIGHTS
    }
    first_event = {}
    offset = 0
    for country, _ in COUNTRY_WEIGHTS:
        first_event[country] = offset
        offset += events[country]
    for truth in range(people):
        person = _person(rng, truth)
        appearances = min(6, 1 + int(rng.expovariate(0.75)))
        attended = rng.sample(range(events[person.country]), appearances)
        for event in attended:
            organisation = person.organisation
            if person.moved_to and rng.random() < 0.5:
                organisation = person.moved_to
            org_roll = rng.random()
            position, spellings = rng.choice(person.positions)
            if spellings and rng.random() < 0.3:
                position = rng.choice(spellings)
            if rng.random() < 0.05:
                position = position.upper()
            # A name written in full is looked up in the organisation register, which
            # knows its acronym; an acronym alone is only an acronym.
            email = person.email if person.email and rng.random() < 0.6 else None
            if email and rng.random() < 0.1:  # a personal address beside the work one
                email = email.split("@")[0] + "@mail.example"
            records.append(
                {
                    "unique_id": len(records) + 1,
                    "name": _written_name(rng, person),
                    "organisation": (
                        organisation[0]
                        if org_roll < 0.55
                        else (organisation[1] if org_roll < 0.9 else "")
                    ),
                    "organisation_acronym": organisation[1] if org_roll < 0.55 else "",
                    "position": position if rng.random() < 0.7 else "",
                    "email": email or "",
                    "phone": (
                        _phone_written(rng, person.phone)
                        if person.phone and rng.random() < 0.5
                        else ""
                    ),
                    "country": person.country if rng.random() < 0.95 else "",
                    "sex": person.sex if rng.random() < 0.9 else "",
                    "events": [first_event[person.country] + event],
                    "truth": truth,
                }
            )  # fmt: skip
    rng.shuffle(records)
    return Benchmark(records)
