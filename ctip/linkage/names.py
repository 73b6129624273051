"""Names made comparable: one Latin-script form per name, titles and degrees kept aside.

normalise_name("Pol. Lt. Col. Somchay Boonma") gives the tokens ["somchay", "boonma"], the
titles ["pol", "lt", "col"] and the sound key "bunma somchai". Steps:

1. script → Latin: Thai by the Royal Institute system (pythainlp's offline "royin" engine,
   the spelling most Thai names are customarily close to), every other script by anyascii
   (Vietnamese diacritics and Đ, Lao, Khmer, Burmese letter by letter);
2. "Santos, Maria Cristina" → "Maria Cristina Santos" (a comma after the family name);
   comma-separated degrees ("Budi Santoso, S.H., M.H.") are set aside, not reordered;
3. titles and honorifics in front (U, Daw, Pol. Lt. Col., Atty., Judge, Dr., Khun, Ibu) and
   degrees behind (S.H., M.Si., Ph.D.) are set aside: the same person writes them one day and
   not the next;
4. "Ma." → "maria", "Mohd"/"Md." → "muhammad";
5. the sound key folds common romanisation variants: Somchai/Somchay, Boonma/Bunma,
   Phongsak/Pongsak, Vichai/Wichai, Jirapa/Chirapa, doubled letters.

Comparisons then work on ASCII letters only, where DuckDB's byte-wise string distances
count letters correctly.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from anyascii import anyascii

# Leading words that say who someone is, not what they are called. Lower case, dots removed.
TITLES = frozenset(
    """
    mr mrs ms miss mx dr prof professor assoc asst sir madam madame hon honorable honourable
    atty attorney judge justice rev fr sr sister brother engr eng arch
    u daw ko maung mg saw nan naw nang sao
    khun nai nangsao thanphuying khunying
    ibu bu bapak pak sdr sdri hj haji hajjah h
    datuk dato datin tan sri puan encik en cik tuan
    bpk drs dra ir
    pol police gen lt col maj capt cpt sgt cpl pvt adm cdr cmdr brig lcol ltcol pltcol
    polcol polmaj polgen polcapt polsgt pollt
    h.e he excellency
    """.split()
)
# Titles that are also common given names: only set aside when more of the name follows.
_AMBIGUOUS_TITLES = frozenset({"u", "ko", "saw", "nan", "sao", "tan", "h", "he", "en", "bu", "sr"})

# Degrees and suffixes written after the name (Indonesian academic degrees and others).
DEGREES = frozenset(
    """
    sh mh se me spd mpd msi ssi skom mkom ssos sip mip spsi mpsi st mt ssi sag mag skm mkes
    sked ked sfarm apt ak mm mba ma ba bsc msc mba phd md llb llm jd cpa mpa mph dr drs dra
    skep ns spt sp mkn sth mth shi shum mhum sikom sstp sst
    jr sr ii iii iv
    """.split()
)

ABBREVIATIONS = {
    "ma.": "maria",
    "ma": None,  # "Ma" without a dot is a family name (Mã) or a Burmese honorific: keep
    "mohd": "muhammad",
    "md.": "muhammad",
    "muhd": "muhammad",
    "mhd": "muhammad",
    "moh": "muhammad",
    "abd": "abdul",
    "sta.": "santa",
    "sto.": "santo",
}

_THAI = re.compile(r"[\u0e00-\u0e7f]")
_WORD = re.compile(r"(?:[^\W\d_]+\.)+[^\W\d_]*|[^\W\d_]+|\d+", re.UNICODE)


@dataclass(frozen=True)
class NormalisedName:
    tokens: tuple[str, ...]  # the name proper, in written order, lower-case ASCII
    titles: tuple[str, ...] = field(default=())
    degrees: tuple[str, ...] = field(default=())

    @property
    def full(self) -> str:
        return " ".join(self.tokens)

    @property
    def sorted(self) -> str:
        """Order-free form: "Nguyen Van Anh" and "Anh Nguyen Van" give the same."""
        return " ".join(sorted(self.tokens))

    @property
    def sound_tokens(self) -> tuple[str, ...]:
        return tuple(sound_key(token) for token in self.tokens)

    @property
    def sound(self) -> str:
        """Order-free sound key: Somchay Bunma and Boonma Somchai give the same."""
        return " ".join(sorted(self.sound_tokens))


def to_latin(text: str) -> str:
    """TEXT in Latin letters: Thai by the Royal Institute system, the rest by anyascii."""
    text = unicodedata.normalize("NFC", text)
    if text.isascii():
        return text
    if _THAI.search(text):
        text = " ".join(
            _romanise_thai(word) if _THAI.search(word) else word for word in text.split()
        )
    return anyascii(text)


@functools.lru_cache(maxsize=65536)
def _romanise_thai(word: str) -> str:
    from pythainlp.transliterate import romanize

    return romanize(word, engine="royin")


def _clean(word: str) -> str:
    return word.lower().replace(".", "")


def _split_comma_parts(latin: str) -> tuple[list[str], list[str]]:
    """Words in name order, and degrees found in comma-separated tails."""
    parts = [part.strip() for part in latin.split(",") if part.strip()]
    degrees: list[str] = []
    kept: list[list[str]] = []
    for part in parts:
        words = _WORD.findall(part)
        if words and all(_clean(word) in DEGREES for word in words) and kept:
            degrees += [_clean(word) for word in words]
        elif words:
            kept.append(words)
    if len(kept) == 2:  # "Santos, Maria Cristina": family name first, then given names
        kept = [kept[1], kept[0]]
    return [word for words in kept for word in words], degrees


def _split_dotted_titles(words: list[str]) -> list[str]:
    """A dotted run that is one degree ("S.H.", "M.Si.") stays one word; any other
    ("Pol.Lt.Col.", "Drs.H.") splits at its dots."""
    out: list[str] = []
    for word in words:
        pieces = [piece for piece in word.split(".") if piece]
        if len(pieces) > 1 and _clean(word) not in DEGREES:
            out += [piece + "." for piece in pieces]
        else:
            out.append(word)
    return out


@functools.lru_cache(maxsize=262144)
def normalise_name(name: str) -> NormalisedName:
    """The comparable form of NAME as written (any script); see the module docstring."""
    latin = to_latin(name or "")
    # "S. H." is written for "S.H.": join short dotted runs into one word.
    latin = re.sub(r"\b(\w{1,3})\.\s(?=\w{1,3}\.)", r"\1.", latin)
    words, degrees = _split_comma_parts(latin)
    words = _split_dotted_titles(words)
    titles: list[str] = []
    while len(words) > 1:
        head = _clean(words[0])
        if head in TITLES and (head not in _AMBIGUOUS_TITLES or len(words) > 2):
            titles.append(head)
            words = words[1:]
        else:
            break
    while len(words) > 1 and _clean(words[-1]) in DEGREES and not _looks_like_name(words[-1]):
        degrees.insert(0, _clean(words[-1]))
        words = words[:-1]
    tokens: list[str] = []
    for word in words:
        lowered = word.lower()
        expanded = ABBREVIATIONS.get(lowered, ABBREVIATIONS.get(lowered.rstrip(".")))
        token = expanded or re.sub(r"[^a-z0-9]", "", lowered)
        if token:
            tokens.append(token)
    return NormalisedName(tuple(tokens), tuple(titles), tuple(degrees))


def _looks_like_name(word: str) -> bool:
    """A capitalised word of four letters or more without dots ("Drs" is short) is a name."""
    return "." not in word and len(word) >= 4 and word[:1].isupper() and word[1:].islower()


_SOUND_RULES = (
    (re.compile(r"(?<=[ptkbdg])h"), ""),  # aspirates: Phongsak/Pongsak, Thanom/Tanom
    (re.compile(r"v"), "w"),  # Vichai/Wichai
    (re.compile(r"j"), "ch"),  # Jirapa/Chirapa
    (re.compile(r"oo|ou"), "u"),  # Boonma/Bunma, Srisook/Srisuk
    (re.compile(r"ee"), "i"),
    (re.compile(r"ay(?=$|[^aeiou])"), "ai"),  # Somchay/Somchai
    (re.compile(r"(?<=[aeiou])y$"), "i"),
    (re.compile(r"(.)\1+"), r"\1"),  # Sriwattana/Sriwatana
)


@functools.lru_cache(maxsize=262144)
def sound_key(token: str) -> str:
    """A key that is equal for common romanisations of one spoken name."""
    key = token.lower()
    for pattern, replacement in _SOUND_RULES:
        key = pattern.sub(replacement, key)
    return key


_ORG_STOPWORDS = frozenset({"of", "the", "for", "and", "on", "in", "de", "&"})


def organisation_keys(name: str, acronym: str = "") -> tuple[str | None, str | None]:
    """(normalised full name, acronym) for comparing organisations written either way.

    "Royal Thai Police" gives ("royal thai police", "rtp"); "RTP" alone gives (None, "rtp").
    """
    text = " ".join(to_latin(name or "").split())
    acronym = re.sub(r"[^a-z0-9]", "", to_latin(acronym or "").lower())
    if not text:
        return None, acronym or None
    compact = text.replace(".", "")
    if " " not in compact and compact.isupper() and len(compact) <= 10:
        return None, acronym or compact.lower()
    words = [re.sub(r"[^a-z0-9]", "", word.lower()) for word in re.split(r"[\s\-/]+", text)]
    words = [word for word in words if word]
    derived = "".join(word[0] for word in words if word not in _ORG_STOPWORDS)
    return " ".join(words), acronym or (derived if len(derived) >= 2 else None)


def phone_key(phone: str) -> str | None:
    """The last nine digits: +66 81 234 5678 and 081-234-5678 compare equal."""
    digits = re.sub(r"\D", "", phone or "")
    return digits[-9:] if len(digits) >= 7 else None


def email_key(email: str) -> str | None:
    email = (email or "").strip().lower()
    return email if "@" in email else None


_POSITION_WORDS = {
    "dep": "deputy",
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "asst": "assistant",
    "ass't": "assistant",
    "pol": "police",
    "capt": "captain",
    "cpt": "captain",
    "lt": "lieutenant",
    "col": "colonel",
    "maj": "major",
    "insp": "inspector",
    "dir": "director",
    "off": "officer",
    "offr": "officer",
    "mgr": "manager",
    "coord": "coordinator",
    "prog": "program",
    "programme": "program",
    "supt": "superintendent",
    "sgt": "sergeant",
    "hd": "head",
    "div": "division",
    "dept": "department",
    "sec": "section",
}


@functools.lru_cache(maxsize=65536)
def position_key(position: str) -> str | None:
    """A position as compared: lower-case ASCII words, abbreviations written out
    ("Dep. Dir." and "Deputy Director" compare equal)."""
    words = re.findall(r"[a-z']+", to_latin(position or "").lower())
    words = [_POSITION_WORDS.get(word.strip("'"), word.strip("'")) for word in words]
    key = " ".join(word for word in words if word and word not in _ORG_STOPWORDS)
    return key or None


_LATIN_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@functools.lru_cache(maxsize=262144)
def marked_tokens(name: str) -> tuple[str, ...] | None:
    """For a name written in Latin letters with diacritics (Vietnamese, mostly), each word
    as "plain:marked" ("Nguyễn Văn Hưng" gives "nguyen:nguyễn", "van:văn", "hung:hưng"), so
    that "Hưng" and "Hùng", one plain form, are told apart. None when the name carries no
    marks (written without them, or in another script): nothing to compare."""
    text = unicodedata.normalize("NFC", name or "").lower()
    words = _LATIN_WORD.findall(text)
    if not words or all(word.isascii() for word in words):
        return None
    if not all("LATIN" in unicodedata.name(letter, "") for word in words for letter in word):
        return None
    return tuple(f"{re.sub(r'[^a-z]', '', anyascii(word))}:{word}" for word in words)
