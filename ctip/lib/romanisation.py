"""Names in Latin letters as people read them (docs/languages.md, "Romanisation").

- Thai: the Royal Institute system (pythainlp's offline "royin" engine) word by word, after
  corrections its engine needs for names: the unwritten "a" of a consonant that starts a
  syllable before another consonant (กาญจนา → Kanchana, อภิสิทธิ์ → Aphisit), ญ as a final
  (-n) and a silent leading ห before ญ (ใหญ่ → yai), a silent ร after a final (วัตร → wat).
- Lao: lao2ipa's MoH 2020 romanisation (the customary French-based spelling: Souphanouvong,
  Sisouk), tone marks dropped.
- Khmer and Burmese: customary syllable tables below (no small offline library does it);
  Khmer by the two consonant series, Burmese one capitalised word per syllable, as names are
  written in Latin letters (Aung San, Khin Nyunt).
- Anything else (Vietnamese, Latin with diacritics, Chinese...): anyascii.

Every word is capitalised. The romanised name a person gives always wins over this one.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_THAI = re.compile(r"[\u0e00-\u0e7f]")
_LAO = re.compile(r"[\u0e80-\u0eff]")
_KHMER = re.compile(r"[\u1780-\u17ff]")
_MYANMAR = re.compile(r"[\u1000-\u109f]")


def romanise_name(name: str) -> str:
    """NAME (any script) in capitalised Latin words, for display beside the original."""
    if name.isascii():
        return " ".join(name.split())
    from anyascii import anyascii

    text = unicodedata.normalize("NFC", name).strip()
    words = []
    for word in text.split():
        if _THAI.search(word):
            words.append(_capitalise(romanise_thai(word)))
        elif _LAO.search(word):
            words.append(_capitalise(romanise_lao(word)))
        elif _KHMER.search(word):
            words.append(_capitalise(romanise_khmer(word)))
        elif _MYANMAR.search(word):
            words.extend(_capitalise(part) for part in romanise_burmese(word).split())
        else:
            words.append(anyascii(word))
    return " ".join(word for word in " ".join(words).split())


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


# Thai ------------------------------------------------------------------------------------

_TH_CONSONANT = "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"
_TH_AFTER_VOWELS = "ะัาำิีึืุู็"
_TH_TONES = "่้๊๋์"
# Pairs read as one initial (กร-, ปล-, กว-, ...), and those whose first letter only carries tone.
_TH_CLUSTERS = {a + b for a in "กขคปผพตบดฟ" for b in "รล"} | {"กว", "ขว", "คว", "ศร", "สร", "ทร"}
_TH_LEADING = {"ห" + b for b in "งญนมยรลว"} | {"อย"}


@functools.lru_cache(maxsize=65536)
def romanise_thai(word: str) -> str:
    """One Thai word by the Royal Institute system, lower case. (pythainlp loads its word
    dictionary at the first call: a few seconds once per process.)"""
    from pythainlp.transliterate import romanize

    return romanize(_thai_spelling_for_royin(word), engine="royin")


def _thai_spelling_for_royin(word: str) -> str:
    """WORD respelt where the royin engine misreads names: silent ห before ญ, ญ closing a
    syllable, silent ร after a final (วัตร), and the unwritten "a" of a consonant that starts
    a syllable before another consonant and a vowel (กาญจนา, อภิสิทธิ์, ปวีณา)."""
    text = word.replace("หญ", "ย")
    text = re.sub(rf"ญ(?=[{_TH_CONSONANT}]|[{_TH_TONES}]*$)", "น", text)
    text = re.sub(rf"(?<=ั[{_TH_CONSONANT}])ร(?=[{_TH_TONES}]*$)", "", text)
    letters = []
    for i, letter in enumerate(text):
        letters.append(letter)
        starts_syllable = i == 0 or (
            i >= 2 and text[i - 1] in _TH_CONSONANT and text[i - 2] in _TH_AFTER_VOWELS + _TH_TONES
        )
        if (
            starts_syllable
            and letter in _TH_CONSONANT
            and i + 2 < len(text)
            and text[i + 1] in _TH_CONSONANT
            and text[i + 2] in _TH_AFTER_VOWELS
            and text[i : i + 2] not in _TH_CLUSTERS | _TH_LEADING
        ):
            letters.append("ะ")
    return "".join(letters)


# Lao -------------------------------------------------------------------------------------

_TONE_LETTERS = re.compile(r"[\u02e5-\u02e9]")


@functools.lru_cache(maxsize=65536)
def romanise_lao(word: str) -> str:
    """One Lao word in the customary (MoH 2020) romanisation, lower case."""
    from lao2ipa import transliterate

    # Tone letters are dropped afterwards: lao2ipa's own ignore_tones garbles some vowels.
    return _TONE_LETTERS.sub("", transliterate(word, "moh"))


# Khmer -----------------------------------------------------------------------------------

# Consonant: (initial, final, series) with series "a" (first) or "o" (second).
_KM_CONSONANTS = {
    "ក": ("k", "k", "a"),
    "ខ": ("kh", "k", "a"),
    "គ": ("k", "k", "o"),
    "ឃ": ("kh", "k", "o"),
    "ង": ("ng", "ng", "o"),
    "ច": ("ch", "ch", "a"),
    "ឆ": ("chh", "ch", "a"),
    "ជ": ("ch", "ch", "o"),
    "ឈ": ("chh", "ch", "o"),
    "ញ": ("nh", "nh", "o"),
    "ដ": ("d", "t", "a"),
    "ឋ": ("th", "t", "a"),
    "ឌ": ("d", "t", "o"),
    "ឍ": ("th", "t", "o"),
    "ណ": ("n", "n", "a"),
    "ត": ("t", "t", "a"),
    "ថ": ("th", "t", "a"),
    "ទ": ("t", "t", "o"),
    "ធ": ("th", "t", "o"),
    "ន": ("n", "n", "o"),
    "ប": ("b", "p", "a"),
    "ផ": ("ph", "p", "a"),
    "ព": ("p", "p", "o"),
    "ភ": ("ph", "p", "o"),
    "ម": ("m", "m", "o"),
    "យ": ("y", "y", "o"),
    "រ": ("r", "", "o"),
    "ល": ("l", "l", "o"),
    "វ": ("v", "v", "o"),
    "ស": ("s", "s", "a"),
    "ហ": ("h", "h", "a"),
    "ឡ": ("l", "l", "a"),
    "អ": ("", "", "a"),
}
_KM_SONORANTS = set("ងញនមយរលវ")
# Vowel sign(s): (a-series, o-series).
_KM_VOWELS = {
    "ា": ("a", "ea"),
    "ិ": ("e", "i"),
    "ី": ("ey", "i"),
    "ឹ": ("oe", "i"),
    "ឺ": ("eu", "eu"),
    "ុ": ("o", "u"),
    "ូ": ("o", "u"),
    "ួ": ("uo", "uo"),
    "ើ": ("aeu", "eu"),
    "ឿ": ("oeu", "oeu"),
    "ៀ": ("ie", "ie"),
    "េ": ("e", "e"),
    "ែ": ("ae", "ae"),
    "ៃ": ("ai", "ey"),
    "ោ": ("ao", "ou"),
    "ៅ": ("au", "ov"),
    "ុំ": ("om", "om"),
    "ំ": ("am", "um"),
    "ាំ": ("am", "oam"),
    "ះ": ("ah", "eah"),
    "ុះ": ("oh", "uh"),
    "េះ": ("eh", "eh"),
    "ោះ": ("aoh", "uoh"),
    "ៈ": ("ak", "eak"),
}
_KM_INDEPENDENT = {
    "ឥ": "e",
    "ឦ": "ei",
    "ឧ": "o",
    "ឩ": "ou",
    "ឪ": "ov",
    "ឫ": "rue",
    "ឬ": "rue",
    "ឭ": "lue",
    "ឮ": "lue",
    "ឯ": "ae",
    "ឰ": "ai",
    "ឱ": "ao",
    "ឳ": "au",
}
_KM_GROUP = re.compile(
    r"(?P<base>[\u1780-\u17a2])(?P<subs>(?:\u17d2[\u1780-\u17a2])*)"
    r"(?P<marks>[\u17c9\u17ca\u17cb\u17cc\u17cd\u17ce\u17cf\u17d0\u17d1\u17dd]*)"
    r"(?P<vowel>[\u17b6-\u17c8]*)(?P<after>[\u17c9-\u17d1\u17dd]*)"
    r"|(?P<independent>[\u17a3-\u17b3])"
)


@functools.lru_cache(maxsize=65536)
def romanise_khmer(word: str) -> str:
    """One Khmer word by a customary syllable table, lower case."""
    groups = [m for m in _KM_GROUP.finditer(word)]
    syllables: list[list[str]] = []  # [onset, vowel, final]
    for index, group in enumerate(groups):
        if group["independent"]:
            syllables.append(["", _KM_INDEPENDENT[group["independent"]], ""])
            continue
        marks = group["marks"] + group["after"]
        if "\u17cd" in marks:  # toandakhiat: a silent letter
            continue
        base, subs, vowel = group["base"], group["subs"][1::2], group["vowel"]
        last = index == len(groups) - 1
        previous = syllables[-1] if syllables else None
        if previous is not None and not previous[2] and subs and not vowel and last:
            # A Pali double at the end: វណ្ណ → -nn, រិទ្ធ → -t
            previous[2] = _KM_CONSONANTS[base][1] + (
                _KM_CONSONANTS[subs[0]][1] if subs[0] == base else ""
            )
            continue
        if previous is not None and not previous[2] and subs and index > 0:
            # Medial C1្C2 (បុប្ផា, ចន្ថា): C1 closes the syllable before, C2 begins the next.
            if subs[0] not in _KM_SONORANTS or subs[0] == base:
                previous[2] = _KM_CONSONANTS[base][1]
                base, subs = subs[0], subs[1:]
        if (
            previous is not None
            and not previous[2]
            and not vowel
            and not subs
            and (last or "\u17cb" in marks)
        ):
            previous[2] = _KM_CONSONANTS[base][1]  # a final consonant
            continue
        onset, _final, series = _KM_CONSONANTS[base]
        for sub in subs:
            onset += _KM_CONSONANTS[sub][0]
            if sub not in _KM_SONORANTS:
                series = _KM_CONSONANTS[sub][2]
        if "\u17c9" in marks:
            series = "a"
        elif "\u17ca" in marks:
            series = "o"
        sound = _KM_VOWELS.get(vowel, ("a", "a"))[0 if series == "a" else 1] if vowel else "a"
        syllables.append([onset, sound, ""])
    return "".join("".join(parts) for parts in syllables)


# Burmese ---------------------------------------------------------------------------------

_MY_CONSONANTS = {
    "က": "k",
    "ခ": "kh",
    "ဂ": "g",
    "ဃ": "g",
    "င": "ng",
    "စ": "s",
    "ဆ": "s",
    "ဇ": "z",
    "ဈ": "z",
    "ည": "ny",
    "ဉ": "ny",
    "ဋ": "t",
    "ဌ": "ht",
    "ဍ": "d",
    "ဎ": "d",
    "ဏ": "n",
    "တ": "t",
    "ထ": "ht",
    "ဒ": "d",
    "ဓ": "d",
    "န": "n",
    "ပ": "p",
    "ဖ": "ph",
    "ဗ": "b",
    "ဘ": "b",
    "မ": "m",
    "ယ": "y",
    "ရ": "y",
    "လ": "l",
    "ဝ": "w",
    "သ": "th",
    "ဟ": "h",
    "ဠ": "l",
    "အ": "",
}
# Initial with the medial ya (ျ) or ra (ြ), and with ha-htoe (ှ).
_MY_Y_MEDIAL = {"k": "ky", "kh": "ch", "g": "gy", "p": "py", "ph": "phy", "b": "by", "m": "my"}
_MY_H_MEDIAL = {"m": "hm", "n": "hn", "l": "hl", "y": "sh", "w": "hw", "ng": "hng", "ny": "hny"}
# Rhymes, by vowel signs and the killed final (with asat ်), tone marks removed first.
_MY_RHYMES = [
    ("ောင်", "aung"),
    ("ိုင်", "aing"),
    ("ောက်", "auk"),
    ("ိုက်", "aik"),
    ("ော်", "aw"),
    ("ော", "aw"),
    ("ို", "o"),
    ("ိန်", "ein"),
    ("ိမ်", "ein"),
    ("ိတ်", "eik"),
    ("ိပ်", "eik"),
    ("ုန်", "on"),
    ("ုမ်", "on"),
    ("ုံ", "on"),
    ("ုတ်", "ok"),
    ("ုပ်", "ok"),
    ("ွန်", "un"),
    ("ွမ်", "un"),
    ("ွတ်", "ut"),
    ("ွင်", "win"),
    ("ွက်", "wet"),
    ("ွယ်", "we"),
    ("ွေ", "we"),
    ("ွ", "wa"),
    ("ေ", "e"),
    ("ဲ", "e"),
    ("ယ်", "e"),
    ("ည်", "i"),
    ("ာ", "a"),
    ("ါ", "a"),
    ("ိ", "i"),
    ("ီ", "i"),
    ("ု", "u"),
    ("ူ", "u"),
    ("န်", "an"),
    ("မ်", "an"),
    ("ံ", "an"),
    ("င်", "in"),
    ("က်", "et"),
    ("တ်", "at"),
    ("ပ်", "at"),
    ("စ်", "it"),
    ("ဉ်", "in"),
]
_MY_INDEPENDENT = {"ဦ": "u", "ဥ": "u", "ဧ": "e", "ဣ": "i", "ဤ": "i", "ဩ": "aw", "ဪ": "aw"}
# A consonant begins a syllable unless killed (asat ်, perhaps after the dot below ့) or
# stacked (virama ္).
_MY_SYLLABLE = re.compile(r"[\u1000-\u1021\u103f](?!\u1037?[\u103a\u1039])")


@functools.lru_cache(maxsize=65536)
def romanise_burmese(word: str) -> str:
    """Burmese syllables as the customary capitalisable words, space-separated, lower case."""
    text = word
    starts = [m.start() for m in _MY_SYLLABLE.finditer(text)]
    starts += [i for i, ch in enumerate(text) if ch in _MY_INDEPENDENT]
    starts = sorted(set(starts))
    parts = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(text)
        parts.append(_burmese_syllable(text[start:end]))
    return " ".join(part for part in parts if part)


def _burmese_syllable(syllable: str) -> str:
    first = syllable[0]
    if first in _MY_INDEPENDENT:
        return _MY_INDEPENDENT[first]
    onset = _MY_CONSONANTS.get(first, "")
    rest = syllable[1:]
    creaky_nasal = "\u1037" in rest  # ့ after a nasal final: Myint, Nyunt
    rest = rest.replace("\u1037", "").replace("\u1038", "")  # tone marks
    if rest[:1] in ("\u103b", "\u103c"):  # ျ ြ
        onset = _MY_Y_MEDIAL.get(onset, onset + "y")
        rest = rest[1:]
    if "\u103e" in rest:  # ှ
        rest = rest.replace("\u103e", "")
        onset = _MY_H_MEDIAL.get(onset, onset)
    if first == "အ" and rest.startswith("ေ") and not rest[1:]:
        return "aye"
    rhyme = "a" if not rest else ""
    while rest:
        for spelling, sound in _MY_RHYMES:
            if rest.startswith(spelling):
                rhyme += sound
                rest = rest[len(spelling) :]
                break
        else:
            rest = rest[1:]
    if creaky_nasal and rhyme.endswith(("in", "un", "an", "ein", "on")):
        rhyme += "t"
    if first == "အ" and not onset:
        return rhyme
    return onset + rhyme
