"""A second, independently written benchmark: attendance sheets as people in the region
fill them in by hand. Held out: written before the model changes of issue 13 and never
used to tune the model (tune on generate.py; report this one beside it).

It shares no name data and no code with generate.py, on purpose. What it writes that the
first generator does not:
- Thai names romanised by people, several customary spellings per name (Thongcharoen /
  Tongcharoen / Thongjaroen), and the Thai script on some sheets;
- Khmer, Lao and Burmese spellings that drift (Meas/Mees, Pich/Pech, Ly/Lee, Sovann/Sovan,
  Bounmy/Bounmi, Xayavong/Sayavong, Htun/Tun, Win/Winn), two-syllable given names written
  joined or apart (Srey Mom / Sreymom);
- Indonesian old and new spelling (Soeharto/Suharto, Djoko/Joko, Tjahjo/Cahyo), degrees
  before and after, Haji;
- Filipino middle names in full, as an initial or left out; "Ma." for Maria; "Surname,
  Given M."; Jr.;
- ranks spelled several ways (Pol. Col., Pl. Col., Police Colonel, PCOL);
- organisations as the sheet writes them: acronym, English name, local-language name, with
  no register acronym beside them (a sheet has none);
- namesakes in one agency (Nguyễn Thị Hương at the Women's Union).
Deterministic for a seed; no real people.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# -- names -----------------------------------------------------------------------------
# Thai: script, then the spellings people use for it (the first is the commonest).
_TH_GIVEN = {
    "male": [
        ("สมศักดิ์", ["Somsak", "Somsuk", "Somsak"]),
        ("ประเสริฐ", ["Prasert", "Prasoet", "Prasirt"]),
        ("ชัยวัฒน์", ["Chaiwat", "Chaiwatt", "Chaiwath"]),
        ("ณัฐพล", ["Nattapon", "Natthaphon", "Nuttapol", "Nattaphol"]),
        ("กิตติพงษ์", ["Kittipong", "Kittiphong", "Kitipong"]),
        ("ธนากร", ["Thanakorn", "Tanakorn", "Thanakon"]),
        ("วีระพงษ์", ["Weerapong", "Veerapong", "Wiraphong"]),
        ("อภิชาติ", ["Apichat", "Aphichat", "Apichart"]),
        ("สุรพล", ["Surapol", "Suraphon", "Surapon"]),
        ("พิชิต", ["Pichit", "Phichit", "Pichid"]),
        ("ธีรวัฒน์", ["Teerawat", "Thirawat", "Theerawat"]),
        ("บุญชัย", ["Boonchai", "Bunchai", "Boonchay"]),
        ("เกียรติศักดิ์", ["Kiattisak", "Kiatisak", "Kiettisak"]),
        ("อนุชา", ["Anucha", "Anuchar"]),
        ("ภานุวัฒน์", ["Panuwat", "Phanuwat", "Panuwatt"]),
    ],
    "female": [
        ("พรทิพย์", ["Porntip", "Pornthip", "Phonthip", "Porntib"]),
        ("ศิริพร", ["Siriporn", "Siriphon", "Siripon"]),
        ("สุภาพร", ["Supaporn", "Suphaphon", "Supaporn"]),
        ("จันทร์เพ็ญ", ["Chanpen", "Janpen", "Chanphen"]),
        ("วิไลวรรณ", ["Wilaiwan", "Vilaiwan", "Wilaiwun"]),
        ("รัตนา", ["Rattana", "Ratana", "Rattanaa"]),
        ("เพ็ญศรี", ["Pensri", "Phensri", "Pensree"]),
        ("มณีรัตน์", ["Maneerat", "Manirat", "Maneerath"]),
        ("นงลักษณ์", ["Nongluck", "Nongluk", "Nonglak"]),
        ("อรุณี", ["Arunee", "Aruni", "Arunee"]),
        ("กาญจนา", ["Kanchana", "Kanjana", "Karnjana"]),
        ("ปิยะนุช", ["Piyanuch", "Phiyanut", "Piyanut"]),
        ("ดารุณี", ["Darunee", "Daruni"]),
        ("สุนันทา", ["Sunantha", "Sunanta", "Soonanta"]),
        ("วรรณา", ["Wanna", "Vanna", "Wannaa"]),
    ],
}
_TH_FAMILY = [
    ("ทองเจริญ", ["Thongcharoen", "Tongcharoen", "Thongjaroen", "Thongcharern"]),
    ("วงศ์ดี", ["Wongdee", "Vongdee", "Wongdi"]),
    ("สุขสวัสดิ์", ["Suksawat", "Sooksawat", "Suksawad"]),
    ("แก้วมณี", ["Kaewmanee", "Kaewmani", "Keawmanee"]),
    ("ศรีสมบูรณ์", ["Srisomboon", "Srisombun", "Srisomboon"]),
    ("บุญเรือง", ["Boonruang", "Bunruang", "Boonrueang"]),
    ("จันทร์แก้ว", ["Chankaew", "Jankaew", "Chankeaw"]),
    ("พงษ์พันธ์", ["Pongpan", "Phongphan", "Pongphan"]),
    ("รุ่งเรือง", ["Rungruang", "Roongruang", "Rungrueang"]),
    ("ประเสริฐสุข", ["Prasertsuk", "Prasoetsuk", "Prasertsook"]),
    ("ทองคำ", ["Thongkham", "Tongkam", "Thongkam"]),
    ("มีสุข", ["Meesuk", "Misuk", "Meesook"]),
    ("อินทร์แก้ว", ["Inkaew", "Inkeaw", "Inkaeo"]),
    ("ชัยมงคล", ["Chaimongkol", "Chaimongkhon", "Chaimongkon"]),
    ("เพชรรัตน์", ["Petcharat", "Phetcharat", "Petchrat"]),
    ("ศักดิ์สิทธิ์", ["Saksit", "Saksith", "Sakdisit"]),
    ("ธรรมวงศ์", ["Thammawong", "Tammawong", "Thammavong"]),
    ("สมบัติ", ["Sombat", "Sombut", "Sombath"]),
    ("นาคสวัสดิ์", ["Naksawat", "Nakhasawat", "Naksawad"]),
    ("เจริญผล", ["Charoenphon", "Jaroenpol", "Charoenpol"]),
]
# Khmer (family name first): each name with the spellings it drifts between.
_KH_FAMILY = [
    ["Meas", "Mees"], ["Pich", "Pech"], ["Ly", "Lee"], ["Sok", "Sokh"], ["Chea", "Chia"],
    ["Kong"], ["Heng", "Hen"], ["Seng"], ["Yim", "Yem"], ["Nuon", "Noun"], ["Prak"],
    ["Chhun", "Chun"], ["Touch", "Tuch"], ["Keo", "Kev"], ["Chhim", "Chim"], ["Mao"],
    ["Phan"], ["Sorn", "Sor"], ["Tep"], ["Nhem", "Nhim"],
]  # fmt: skip
_KH_GIVEN = {
    "male": [["Sovann", "Sovan"], ["Dara", "Darra"], ["Rithy", "Rithi"], ["Visal", "Vesal"],
             ["Kosal", "Kosol"], ["Vuthy", "Vuthi"], ["Piseth", "Piset"], ["Sophal", "Sophall"],
             ["Makara", "Markara"], ["Bunthoeun", "Bunthoeurn", "Bunthoen"],
             ["Samnang", "Samnag"], ["Vannak", "Vanak"], ["Chanthou", "Chanthu"],
             ["Sokhom", "Sokhorm"], ["Rotha", "Ratha"]],
    "female": [["Sophea", "Sophia"], ["Vanna", "Vana"], ["Srey Mom", "Sreymom"],
               ["Bopha", "Bupha"], ["Sreyneang", "Srey Neang"], ["Pisey", "Pisei"],
               ["Sothea", "Sotheary"], ["Chantha", "Chanta"], ["Sokunthea", "Sokuntheа"],
               ["Leakhena", "Leakena"], ["Chenda", "Chendaa"], ["Sreyleak", "Srey Leak"],
               ["Kunthea", "Kunthia"], ["Malis", "Maliss"], ["Raksmey", "Reaksmey", "Raksmei"]],
}  # fmt: skip
# Lao (given name first).
_LA_GIVEN = {
    "male": [["Bounmy", "Bounmi", "Bounmee"], ["Khamphone", "Khamphon", "Kham Phone"],
             ["Souksavanh", "Souksavan", "Suksavanh"], ["Phonesavanh", "Phonsavan"],
             ["Somphone", "Somphon"], ["Vilayphone", "Vilaiphone"], ["Thongsavanh", "Thongsavan"],
             ["Bounthanh", "Bounthan", "Bounthan"], ["Khampheng", "Khamphen"],
             ["Sengphet", "Sengpheth"], ["Anousone", "Anousone", "Anouson"],
             ["Phouvong", "Phuvong"]],
    "female": [["Manivanh", "Manivan"], ["Chanthaly", "Chanthali"], ["Viengkham", "Vienkham"],
               ["Daovone", "Daovon"], ["Sengdao", "Seng Dao"], ["Phetsamone", "Phetsamon"],
               ["Souphaphone", "Souphaphon", "Suphaphone"], ["Keo", "Kaeo"],
               ["Bouasavanh", "Bouasavan"], ["Noy", "Noi"], ["Vanhxay", "Vanhsay"],
               ["Khamla", "Kham La"]],
}  # fmt: skip
_LA_FAMILY = [
    ["Xayavong", "Sayavong", "Xaiyavong"], ["Phommavongsa", "Phommavongxa"],
    ["Sisavath", "Sisavat"], ["Keomanivong", "Keomanyvong"], ["Vongphachanh", "Vongphachan"],
    ["Inthalangsy", "Inthalangsi"], ["Xaysana", "Saysana"], ["Douangsavanh", "Duangsavanh"],
    ["Souvannaphoum", "Souvannaphum"], ["Chanthavong", "Chantavong"], ["Siharath", "Siharat"],
    ["Luangxay", "Luangsay"], ["Thammavong", "Thammavongs"], ["Phetsomphou", "Phetsomphu"],
    ["Khounnavong", "Khounnavongs"], ["Sengsouly", "Sengsouli"], ["Vilaysack", "Vilaisak"],
    ["Bounyavong", "Bounyavongs"], ["Sithixay", "Sithisay"], ["Manivong", "Manyvong"],
]  # fmt: skip
# Burmese: no family name; syllables, each with its spellings.
_MM_SYLLABLES = [
    ["Aung"], ["Kyaw"], ["Htun", "Tun"], ["Myint", "Myint"], ["Thein", "Thine"], ["Zaw"],
    ["Win", "Winn"], ["Hlaing", "Hlaine"], ["Thu", "Thuu"], ["Naing"], ["Soe", "So"],
    ["Min"], ["Htet", "Htett"], ["Ko"], ["Myo"], ["Lwin", "Lwinn"], ["Oo", "U"], ["Phyo"],
    ["Nyein", "Nyien"], ["Thandar", "Thander"], ["Khin"], ["Mya"], ["Su"], ["Hnin", "Nhin"],
    ["Ei"], ["Phyu"], ["Yadanar", "Yadana"], ["Moe"], ["San"], ["Thiri", "Thirri"],
    ["Wai"], ["Yee", "Yi"], ["Zin"], ["Hsu", "Su"], ["Nwe", "Nway"], ["Sandar", "Sanda"],
]  # fmt: skip
_MM_FEMALE_FIRST = ["Khin", "Mya", "Su", "Hnin", "Ei", "Phyu", "Thandar", "Nwe", "Thiri"]
_MM_MALE_FIRST = ["Aung", "Kyaw", "Zaw", "Min", "Myo", "Htet", "Soe", "Thein"]
# Vietnamese: concentrated like life; namesakes are common.
_VN_FAMILY = [("Nguyễn", 38), ("Trần", 12), ("Lê", 9), ("Phạm", 7), ("Hoàng", 4),
              ("Vũ", 4), ("Đặng", 3), ("Bùi", 3), ("Đỗ", 3), ("Ngô", 2), ("Dương", 2)]  # fmt: skip
_VN_MIDDLE = {"male": [("Văn", 50), ("Đức", 10), ("Minh", 10), ("Quang", 6), ("Hữu", 6)],
              "female": [("Thị", 60), ("Ngọc", 10), ("Thu", 8), ("Thanh", 6)]}  # fmt: skip
_VN_GIVEN = {
    "male": [("Hùng", 6), ("Dũng", 6), ("Tuấn", 6), ("Long", 5), ("Nam", 5), ("Hải", 5),
             ("Thành", 4), ("Cường", 4), ("Sơn", 4), ("Hưng", 3), ("Phong", 3), ("Khánh", 3),
             ("Tú", 2), ("Toàn", 2), ("Thắng", 2), ("Vinh", 2), ("Trung", 2), ("Đạt", 2)],
    "female": [("Hương", 7), ("Lan", 6), ("Hằng", 5), ("Hà", 5), ("Linh", 5), ("Trang", 5),
               ("Thảo", 4), ("Nga", 4), ("Mai", 4), ("Hoa", 3), ("Huyền", 3), ("Yến", 3),
               ("Dung", 2), ("Nhung", 2), ("Vân", 2), ("Oanh", 2), ("Thủy", 2), ("Tâm", 2)],
}  # fmt: skip
# Filipino: given names, family names (the mother's family name is the middle name).
_PH_GIVEN = {
    "male": ["Rolando", "Joel", "Ariel", "Edgardo", "Nestor", "Jaime", "Alfredo", "Rogelio",
             "Efren", "Virgilio", "Renato", "Manuel", "Carlo", "Jericho", "Ronaldo",
             "Francisco", "Gerardo", "Lito", "Bong", "Ferdinand"],
    "female": ["Maria Fe", "Maria Lourdes", "Maria Rosario", "Maria Angelica", "Rosemarie",
               "Lourdes", "Marivic", "Girlie", "Joy", "Mylene", "Herminia", "Charito",
               "Remedios", "Corazon", "Aileen", "Rhea", "Janet", "Melody", "Editha",
               "Maria Socorro"],
}  # fmt: skip
_PH_FAMILY = ["Dela Cruz", "Villanueva", "Aquino", "Castillo", "Navarro", "Domingo",
              "Salazar", "Pascual", "De Guzman", "Gonzales", "Francisco", "Marquez",
              "Tolentino", "Manalo", "Soriano", "Esguerra", "Dizon", "Mercado", "Panganiban",
              "Sison", "Lacson", "Macaraeg", "Ocampo", "Evangelista"]  # fmt: skip
# Indonesian: (modern spelling, old spelling or None).
_ID_NAMES = {
    "male": [("Suharto", "Soeharto"), ("Joko", "Djoko"), ("Cahyo", "Tjahjo"),
             ("Suryadi", "Soerjadi"), ("Bambang", None), ("Agus", None), ("Heru", None),
             ("Yusuf", "Joesoef"), ("Sutrisno", "Soetrisno"), ("Purnomo", None),
             ("Hendra", None), ("Rudi", "Roedi"), ("Wahyu", "Wahjoe"), ("Eko", None),
             ("Dedi", None), ("Iwan", None), ("Supriyanto", "Soeprijanto"), ("Budiman", None)],
    "female": [("Sri", None), ("Wahyuni", "Wahjoeni"), ("Yuliana", "Juliana"),
               ("Suryani", "Soerjani"), ("Dewi", None), ("Lestari", None), ("Endang", None),
               ("Ratna", None), ("Kurniasih", None), ("Sumiati", "Soemiati"), ("Indah", None),
               ("Puspita", None), ("Cahyani", "Tjahjani"), ("Nurhayati", "Noerhajati")],
}  # fmt: skip
_ID_FAMILY = [("Prasetyo", "Prasetijo"), ("Nugroho", None), ("Setiawan", None),
              ("Wibowo", None), ("Kurniawan", None), ("Hartono", None), ("Susanto", "Soesanto"),
              ("Siregar", None), ("Harahap", None), ("Simanjuntak", None), ("Utomo", "Oetomo"),
              ("Gunawan", None), ("Sitompul", None), ("Pratama", None)]  # fmt: skip
_ID_DEGREES = ["S.H.", "M.H.", "S.H., M.H.", "S.Sos.", "S.IP.", "M.Si.", "S.Kom.", "S.H.I."]
# Malaysian.
_MY_GIVEN = {"male": ["Muhammad Faiz", "Ahmad Zaki", "Mohd Rizal", "Azman", "Khairul Anuar",
                      "Shahrul Nizam", "Abdul Rahman", "Hafiz"],
             "female": ["Nur Aisyah", "Siti Hajar", "Nurul Huda", "Farah Diana", "Norhayati",
                        "Zarina", "Siti Aminah", "Rosnah"]}  # fmt: skip
_MY_FATHERS = ["Ismail", "Osman", "Hassan", "Yusof", "Abdullah", "Kassim", "Rahim", "Daud",
               "Hamid", "Salleh", "Mansor", "Jusoh"]  # fmt: skip

# -- organisations: every way a sheet names them ---------------------------------------------
_ORGANISATIONS = {
    "TH": [["Royal Thai Police", "RTP", "สำนักงานตำรวจแห่งชาติ"],
           ["Department of Special Investigation", "DSI"],
           ["Ministry of Social Development and Human Security", "MSDHS", "M-Society"],
           ["Office of the Attorney General", "OAG", "Attorney General's Office"],
           ["Thailand Institute of Justice", "TIJ"],
           ["Anti-Trafficking in Persons Division", "ATPD", "TATIP"]],
    "PH": [["Philippine National Police", "PNP"], ["Department of Justice", "DOJ"],
           ["Inter-Agency Council Against Trafficking", "IACAT"],
           ["Department of Social Welfare and Development", "DSWD"],
           ["National Bureau of Investigation", "NBI"], ["Bureau of Immigration", "BI"],
           ["Public Attorney's Office", "PAO"]],
    "ID": [["Supreme Court of Indonesia", "MA RI", "Mahkamah Agung RI", "Mahkamah Agung"],
           ["Indonesian National Police", "POLRI", "Kepolisian Negara Republik Indonesia"],
           ["Criminal Investigation Agency", "Bareskrim", "Bareskrim Polri"],
           ["Attorney General's Office", "Kejaksaan Agung", "AGO"],
           ["Ministry of Women Empowerment and Child Protection", "KemenPPPA", "KPPPA"],
           ["Ministry of Manpower", "Kemnaker", "Kementerian Ketenagakerjaan"]],
    "VN": [["Ministry of Public Security", "MPS", "Bộ Công an"],
           ["Ministry of Labour, Invalids and Social Affairs", "MoLISA", "MOLISA"],
           ["Vietnam Women's Union", "VWU", "Hội Liên hiệp Phụ nữ Việt Nam"],
           ["Border Guard Command", "BGC", "Bộ đội Biên phòng"],
           ["Supreme People's Court", "SPC", "Tòa án nhân dân tối cao"]],
    "KH": [["National Committee for Counter Trafficking", "NCCT"],
           ["Ministry of Justice", "MOJ", "MoJ"],
           ["Ministry of Social Affairs, Veterans and Youth Rehabilitation", "MoSVY"],
           ["Ministry of Interior", "MOI", "MoI"],
           ["Ministry of Women's Affairs", "MoWA", "MOWA"]],
    "LA": [["Ministry of Public Security", "MoPS", "MPS"],
           ["Lao Women's Union", "LWU"], ["Ministry of Labour and Social Welfare", "MoLSW"],
           ["Office of the Supreme People's Prosecutor", "OSPP"]],
    "MM": [["Myanmar Police Force", "MPF"], ["Department of Social Welfare", "DSW"],
           ["Anti-Trafficking in Persons Division", "ATIPD", "ATIPD (MPF)"],
           ["Union Attorney General's Office", "UAGO"]],
    "MY": [["Royal Malaysia Police", "PDRM", "Polis Diraja Malaysia"],
           ["Immigration Department of Malaysia", "JIM", "Jabatan Imigresen Malaysia"],
           ["Council for Anti-Trafficking in Persons", "MAPO"]],
}  # fmt: skip
_POSITIONS = [
    (["Police Officer", "Police officer", "Pol. Officer"], 10), (["Investigator"], 6),
    (["Social Worker", "Social worker", "SW"], 7), (["Prosecutor", "Public Prosecutor"], 5),
    (["Judge"], 3), (["Program Officer", "Programme Officer", "PO"], 5),
    (["Deputy Director", "Deputy Dir.", "DD"], 3), (["Director"], 2),
    (["Head of Unit", "Unit Head"], 3), (["Staff"], 4), (["Officer"], 6),
    (["Labour Inspector", "Labor Inspector"], 3), (["Immigration Officer"], 3),
    (["Legal Officer", "Legal Staff"], 2), (["Chief", "Chief of Division"], 2),
    (["Case Manager"], 2), (["Technical Officer", "Tech. Officer"], 2),
]  # fmt: skip
# Ranks and titles as written: each a set of spellings of one title.
_RANKS = {
    "TH": [["Pol. Col.", "Pl. Col.", "Police Colonel", "Pol.Col."],
           ["Pol. Lt. Col.", "Pl. Lt. Col.", "Pol.Lt.Col."], ["Pol. Maj.", "Pol.Maj."],
           ["Dr."]],
    "PH": [["Atty.", "Atty", "Attorney"], ["Judge", "Hon."], ["PCOL", "P/Col.", "PCol."],
           ["Dr."]],
    "ID": [["Dr."], ["Drs."], ["H.", "Haji"], ["AKBP"], ["Kombes Pol."]],
    "VN": [["Dr."]], "KH": [["H.E.", "HE"], ["Dr."], ["Pol. Col."]], "LA": [["Dr."]],
    "MM": [["Pol. Col.", "Police Col."], ["Dr."]], "MY": [["Dato'", "Datuk"], ["Dr."]],
}  # fmt: skip
_COURTESY = {
    "male": {"TH": ["Mr.", "Khun"], "ID": ["Bapak", "Bpk.", "Pak"], "MM": ["U"], "KH": ["Mr."],
             "LA": ["Mr.", "Thao"], "PH": ["Mr."], "VN": ["Mr."], "MY": ["Encik", "En."]},
    "female": {"TH": ["Ms.", "Mrs.", "Khun"], "ID": ["Ibu", "Bu"], "MM": ["Daw", "Ma"],
               "KH": ["Ms.", "Mrs."], "LA": ["Ms.", "Nang"], "PH": ["Ms.", "Mrs."],
               "VN": ["Ms.", "Mrs."], "MY": ["Puan", "Pn."]},
}  # fmt: skip
_COUNTRIES = [("VN", 20), ("TH", 20), ("PH", 16), ("ID", 15), ("KH", 10), ("LA", 7),
              ("MM", 8), ("MY", 4)]  # fmt: skip


@dataclass(frozen=True)
class _Person:
    truth: int
    country: str
    sex: str
    parts: dict  # spellings of each part of the name, per country's needs
    organisation: list[str]
    position: list[str]
    rank: list[str] | None
    courtesy: str | None
    email: str | None
    phone: str | None


def _pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def _new_person(rng: random.Random, truth: int, namesake_of: _Person | None) -> _Person:
    if namesake_of is not None:  # someone else with the same name at the same agency
        country, sex, parts = namesake_of.country, namesake_of.sex, namesake_of.parts
        organisation = namesake_of.organisation
    else:
        country, sex = _pick(rng, _COUNTRIES), rng.choice(["female", "male"])
        parts = _new_name(rng, country, sex)
        organisation = rng.choice(_ORGANISATIONS[country])
    rank = rng.choice(_RANKS[country]) if rng.random() < 0.2 else None
    courtesy = rng.choice(_COURTESY[sex][country]) if rng.random() < 0.4 else None
    email = None
    if rng.random() < 0.45:
        box = f"{rng.choice(['', 'k', 'mr', 'ms'])}{truth * 7919 % 100000}"
        email = f"user{box}@{rng.choice(['gmail.com', 'yahoo.com', 'gov.example'])}"
    phone = "".join(str(rng.randint(0, 9)) for _ in range(9)) if rng.random() < 0.4 else None
    return _Person(
        truth, country, sex, parts, organisation, _pick(rng, _POSITIONS), rank, courtesy,
        email, phone,
    )  # fmt: skip


def _new_name(rng: random.Random, country: str, sex: str) -> dict:
    if country == "TH":
        given, family = rng.choice(_TH_GIVEN[sex]), rng.choice(_TH_FAMILY)
        return {"script": f"{given[0]} {family[0]}", "given": given[1], "family": family[1],
                "usual": (rng.randrange(len(given[1])), rng.randrange(len(family[1])))}  # fmt: skip
    if country == "KH":
        return {"family": rng.choice(_KH_FAMILY), "given": rng.choice(_KH_GIVEN[sex])}
    if country == "LA":
        return {"given": rng.choice(_LA_GIVEN[sex]), "family": rng.choice(_LA_FAMILY)}
    if country == "MM":
        first = rng.choice(_MM_FEMALE_FIRST if sex == "female" else _MM_MALE_FIRST)
        rest = [rng.choice(_MM_SYLLABLES) for _ in range(rng.choice((1, 2, 2)))]
        return {"syllables": [[first], *rest]}
    if country == "VN":
        return {"family": _pick(rng, _VN_FAMILY), "middle": _pick(rng, _VN_MIDDLE[sex]),
                "given": _pick(rng, _VN_GIVEN[sex])}  # fmt: skip
    if country == "PH":
        junior = sex == "male" and rng.random() < 0.05
        return {"given": rng.choice(_PH_GIVEN[sex]), "middle": rng.choice(_PH_FAMILY),
                "family": rng.choice(_PH_FAMILY), "jr": junior}  # fmt: skip
    if country == "ID":
        names = [rng.choice(_ID_NAMES[sex])]
        if rng.random() < 0.5:
            names.append(rng.choice(_ID_FAMILY))
        degree = rng.choice(_ID_DEGREES) if rng.random() < 0.35 else None
        return {"names": names, "degree": degree}
    link = "bin" if sex == "male" else "binti"
    return {"given": rng.choice(_MY_GIVEN[sex]), "link": link, "father": rng.choice(_MY_FATHERS)}


def _spell(rng: random.Random, spellings: list[str], drift: float = 0.3) -> str:
    return rng.choice(spellings) if rng.random() < drift else spellings[0]


def _slip(rng: random.Random, word: str) -> str:
    """A slip of the pen: a letter left out, doubled, or its neighbour on the keyboard."""
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    roll = rng.random()
    if roll < 0.4:
        return word[:i] + word[i + 1 :]
    if roll < 0.6:
        return word[:i] + word[i] + word[i:]
    near = dict(zip("aeiounmrtshgklpy", "sroiymntraghlkou", strict=True))
    return word[:i] + near.get(word[i], word[i]) + word[i + 1 :]


def _written(rng: random.Random, person: _Person) -> str:
    parts, country = person.parts, person.country
    if country == "TH":
        if rng.random() < 0.22:
            return parts["script"]
        usual_given, usual_family = parts["usual"]
        given = parts["given"][usual_given] if rng.random() < 0.6 else rng.choice(parts["given"])
        family = (
            parts["family"][usual_family] if rng.random() < 0.6 else rng.choice(parts["family"])
        )
        name = f"{family}, {given}" if rng.random() < 0.08 else f"{given} {family}"
    elif country == "KH":
        family, given = _spell(rng, parts["family"]), _spell(rng, parts["given"])
        roll = rng.random()
        name = f"{family} {given}" if roll < 0.65 else f"{given} {family}"
        if roll > 0.95:
            name = f"{family.upper()} {given}"
    elif country == "LA":
        given, family = _spell(rng, parts["given"]), _spell(rng, parts["family"])
        name = f"{given} {family}" if rng.random() < 0.85 else f"{family} {given}"
    elif country == "MM":
        syllables = [_spell(rng, spellings, 0.25) for spellings in parts["syllables"]]
        name = " ".join(syllables)
    elif country == "VN":
        words = [parts["family"], parts["middle"], parts["given"]]
        if rng.random() < 0.45:  # typed on a keyboard without Vietnamese input
            from anyascii import anyascii

            words = [anyascii(word) for word in words]
        roll = rng.random()
        if roll < 0.15:  # given name first, as on an English form
            words = [words[2], words[0], words[1]] if rng.random() < 0.5 else words[1:] + words[:1]
        elif roll < 0.2:
            words = [words[0], words[2]]  # the middle name left out
        name = " ".join(words)
    elif country == "PH":
        given = parts["given"]
        if given.startswith("Maria ") and rng.random() < 0.5:
            given = "Ma. " + given[6:]
        roll = rng.random()
        middle = (
            parts["middle"] if roll < 0.3 else (parts["middle"][0] + "." if roll < 0.75 else "")
        )
        family = parts["family"] + (" Jr." if parts["jr"] and rng.random() < 0.7 else "")
        if rng.random() < 0.25:
            name = f"{family.upper() if rng.random() < 0.3 else family}, {given} {middle}"
        else:
            name = f"{given} {middle} {family}"
    elif country == "ID":
        names = [_spell(rng, [modern, old] if old else [modern], 0.25) for modern, old in
                 parts["names"]]  # fmt: skip
        name = " ".join(names)
        if parts["degree"] and rng.random() < 0.7:
            name = f"{name}, {parts['degree']}"
    else:
        given = parts["given"]
        if given.startswith("Mohd ") and rng.random() < 0.5:
            given = "Muhammad " + given[5:]
        elif given.startswith("Muhammad ") and rng.random() < 0.4:
            given = "Mohd " + given[9:]
        link = parts["link"]
        link = {"bin": rng.choice(["bin", "bin", "B.", "Bin"]),
                "binti": rng.choice(["binti", "binti", "bt.", "Binti"])}[link]  # fmt: skip
        name = f"{given} {link} {parts['father']}"
    name = " ".join(name.split())
    if rng.random() < 0.06:
        words = name.split()
        k = rng.randrange(len(words))
        words[k] = _slip(rng, words[k])
        name = " ".join(words)
    if person.rank and rng.random() < 0.55:
        name = f"{rng.choice(person.rank)} {name}"
    elif person.courtesy and rng.random() < 0.5:
        name = f"{person.courtesy} {name}"
    if rng.random() < 0.04:
        name = name.upper()
    return name


def _organisation_written(rng: random.Random, organisation: list[str]) -> str:
    roll = rng.random()
    if roll < 0.1:
        return ""
    if roll < 0.4:
        return organisation[0]
    if roll < 0.75 or len(organisation) < 3:
        return organisation[1]
    return rng.choice(organisation[2:])


def _phone_written(rng: random.Random, country: str, phone: str) -> str:
    code = {"TH": "66", "PH": "63", "ID": "62", "VN": "84", "KH": "855", "LA": "856",
            "MM": "95", "MY": "60"}[country]  # fmt: skip
    roll = rng.random()
    if roll < 0.4:
        return "0" + phone
    if roll < 0.7:
        return f"+{code} {phone[:2]} {phone[2:5]} {phone[5:]}"
    return f"0{phone[:2]}-{phone[2:5]}-{phone[5:]}"


@dataclass(frozen=True)
class HeldOut:
    records: list[dict]  # one per attendance: unique_id, name, ..., events, truth


def generate_heldout(people: int = 1600, *, seed: int = 1313) -> HeldOut:
    """Records of PEOPLE true people (about 2.2 records each), reproducible for SEED.
    Records carry no register acronym: an organisation is only what the sheet says."""
    rng = random.Random(seed)
    persons: list[_Person] = []
    for truth in range(people):
        namesake = None
        if persons and rng.random() < 0.04:
            candidate = rng.choice(persons)
            if candidate.country in ("VN", "PH", "LA", "KH", "ID"):
                namesake = candidate
        persons.append(_new_person(rng, truth, namesake))
    # Events of about 25 people from one country, in rounds, until each person has
    # attended as many as they will (never one event twice).
    by_country: dict[str, list[_Person]] = {}
    for person in persons:
        by_country.setdefault(person.country, []).append(person)
    records: list[dict] = []
    event = 0
    attendances = {person.truth: 0 for person in persons}
    wanted = {person.truth: min(7, 1 + int(rng.expovariate(0.85))) for person in persons}
    for _ in range(8):  # rounds of events until people have attended what they will
        for _country, members in sorted(by_country.items()):
            waiting = [
                person for person in members if attendances[person.truth] < wanted[person.truth]
            ]
            rng.shuffle(waiting)
            for start in range(0, len(waiting), 25):
                event += 1
                for person in waiting[start : start + 25]:
                    attendances[person.truth] += 1
                    records.append(_record(rng, person, event, len(records) + 1))
    rng.shuffle(records)
    return HeldOut(records)


def _record(rng: random.Random, person: _Person, event: int, unique_id: int) -> dict:
    position = _spell(rng, person.position, 0.3) if rng.random() < 0.75 else ""
    return {
        "unique_id": unique_id,
        "name": _written(rng, person),
        "organisation": _organisation_written(rng, person.organisation),
        "organisation_acronym": "",
        "position": position,
        "email": person.email if person.email and rng.random() < 0.6 else "",
        "phone": (
            _phone_written(rng, person.country, person.phone)
            if person.phone and rng.random() < 0.55
            else ""
        ),
        "country": person.country if rng.random() < 0.9 else "",
        "sex": person.sex if rng.random() < 0.85 else "",
        "events": [event],
        "truth": person.truth,
    }
