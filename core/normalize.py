"""
Normalise text for search, identically for what is indexed and for what is queried.

Readers type Arabic and Persian in many ways: with or without hamza on the alef,
with a heh for a taa marbuta, with diacritics, with an Arabic keyboard's ي and ك in
Persian text, with a space where a zero-width non-joiner belongs, with the Arabic
خامنئي for the Persian خامنه‌ای. `normalize()` folds these to one form per language so
that all spellings find each other:

- everywhere: alef forms (أ إ آ ٱ ٲ ٳ) → ا; diacritics (harakat, superscript alef,
  hamza above and below, Quranic marks) and tatweel removed; heh forms (ۀ ہ ە ھ) → ه;
  yeh barree ے → yeh; the hamza seat ؤ → و; Arabic-Indic and Persian
  digits → ASCII; ZWNJ → space (one word either side, as a reader who types a space
  expects); invisible format characters and control characters removed; Arabic
  presentation forms → letters; case folded (Latin and others).
- everywhere, rules that look at neighbours (`_rules()`): a word-final ئي after a
  consonant is how Arabic writes the Persian ending ه‌ای (خامنئي for خامنه‌ای), so it
  becomes ه + space + ای, as the Persian spelling normalises; after a long vowel it is
  the plain -ائي/-وئي ending (نهائي, خوئي) and only the seat folds (نهايي, خويي).
  Before و, ئ is the waw's hamza (مسئول = مسؤول, شئون = شؤون); elsewhere it becomes
  yeh (رئيس = رييس, as readers without a hamza key type it). The
  spaces inside the name prefixes "عبد ال…" and "ابو …" go (عبد الله = عبدالله,
  أبو ظبي = أبوظبي).
- Arabic: Persian ی and alef maqsura ى → ي, Persian ک → ك, and a word-final heh
  or taa marbuta → ة. The taa marbuta goes *to* ة, not the usual ة → ه, because
  the Arabic stemmer (Snowball's, core.analysis) reads ة as the feminine ending:
  with ه, "الحكومه" would stem to حكومه and "حكومة" to حكوم.
- Persian: Arabic ي and alef maqsura ى → ی, Arabic ك → ک, ة → ه, and the hamza of a
  word-final اء after two letters goes (اعضاء = اعضا, امضاء = امضا; not in ماء, and
  Arabic keeps it everywhere: ماء is not ما).

Stemming (Snowball's Arabic, the light Persian suffix rules) is core.analysis, on top
of this. docs/search-normalisation.md compares every rule with Lucene's
ArabicNormalizer and PersianNormalizer, and lists the pairs that must not meet.

Normalisation maps each character to zero, one or more characters; the rules that
look at neighbours replace a matched run by a fixed string. So
`normalize_with_offsets()` can say which original character each normalised
character came from: search matches on normalised text and shows the original text,
with the matches marked, in results.
"""

import re
import unicodedata
from functools import lru_cache

ALEF = "\u0627"
HEH = "\u0647"
WAW = "\u0648"
HAMZA, WAW_HAMZA, YEH_HAMZA = "\u0621", "\u0624", "\u0626"
YEH_BARREE = "\u06d2"
TEH_MARBUTA = "\u0629"
ARABIC_YEH, PERSIAN_YEH, ALEF_MAQSURA = "\u064a", "\u06cc", "\u0649"
ARABIC_KAF, PERSIAN_KAF = "\u0643", "\u06a9"
ZWNJ = "\u200c"

ALEF_FORMS = "\u0622\u0623\u0625\u0671\u0672\u0673"  # آ أ إ ٱ ٲ ٳ
HEH_FORMS = "\u06c0\u06c1\u06c2\u06d5\u06be"  # ۀ ہ ۂ ە ھ
TATWEEL = "\u0640"
DIACRITICS = [
    *range(0x064B, 0x0660),  # harakat: tanwin, fatha, damma, kasra, shadda, sukun, hamza marks
    0x0670,  # superscript alef
    *range(0x0610, 0x061B),  # honorific and Quranic signs above letters
    *range(0x06D6, 0x06DD),
    *range(0x06DF, 0x06E9),
    *range(0x06EA, 0x06EE),
]
# Characters that change how text is shown, not what it says.
INVISIBLE = [
    0x00AD,  # soft hyphen
    0x200B,  # zero-width space
    0x200D,  # zero-width joiner
    0x200E,
    0x200F,  # left-to-right and right-to-left marks
    *range(0x202A, 0x202F),  # bidi embeddings and overrides
    *range(0x2066, 0x206A),  # bidi isolates
    0x061C,  # Arabic letter mark
    0xFEFF,  # byte order mark
]
CONTROL = [c for c in range(0x20) if chr(c) not in "\t\n\r"] + [0x7F]


def _common_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    # Presentation forms (from PDFs and old fonts) → the letters they draw.
    for block in (range(0xFB50, 0xFE00), range(0xFE70, 0xFEFF)):
        for code in block:
            char = chr(code)
            if unicodedata.category(char) != "Cn":
                table[code] = unicodedata.normalize("NFKC", char).strip()
    table.update({ord(c): ALEF for c in ALEF_FORMS})
    table.update({ord(c): HEH for c in HEH_FORMS})
    table.update(dict.fromkeys((*DIACRITICS, *INVISIBLE, *CONTROL, ord(TATWEEL))))
    for digit in range(10):
        table[0x0660 + digit] = str(digit)  # Arabic-Indic
        table[0x06F0 + digit] = str(digit)  # Persian (extended Arabic-Indic)
    table[ord(ZWNJ)] = " "
    table[ord(WAW_HAMZA)] = WAW
    table[ord(YEH_BARREE)] = ARABIC_YEH  # then the language's yeh, below
    # Presentation forms may themselves hold a form folded above (e.g. ﺃ → أ → ا).
    for code, value in list(table.items()):
        if value and len(value) == 1 and ord(value) in table:
            table[code] = table[ord(value)]
        elif value:
            table[code] = "".join(table.get(ord(c), c) or "" for c in value)
    return table


def _language_table(language: str) -> dict[int, str | None]:
    table = _common_table()
    if language == "ar":
        letters = {PERSIAN_YEH: ARABIC_YEH, ALEF_MAQSURA: ARABIC_YEH, PERSIAN_KAF: ARABIC_KAF}
    else:
        # Persian, and the default for Arabic-script words in other languages' text.
        letters = {
            ARABIC_YEH: PERSIAN_YEH,
            ALEF_MAQSURA: PERSIAN_YEH,
            ARABIC_KAF: PERSIAN_KAF,
            TEH_MARBUTA: HEH,
        }
    table.update({ord(k): v for k, v in letters.items()})
    for code, value in list(table.items()):
        if value:
            table[code] = "".join(letters.get(c, c) for c in value)
    return table


@lru_cache(maxsize=8)
def _table(language: str) -> dict[int, str | None]:
    return _language_table("ar" if language == "ar" else "fa")


@lru_cache(maxsize=8)
def _rules(language: str) -> list[tuple[re.Pattern, str]]:
    """
    Return the rules that look at neighbours, as (pattern, replacement) applied in order
    to the folded text: each replaces what it matches by a fixed string, so offsets follow.
    """
    yeh = ARABIC_YEH if language == "ar" else PERSIAN_YEH
    rules = [
        # خامنئي → خامنه ای: ئ + final yeh after a consonant (not ا, و, a yeh or a digit).
        (
            re.compile(f"(?<=[^\\W\\d_{ALEF}{WAW}{yeh}]){YEH_HAMZA}(?={yeh}(?!\\w))"),
            f"{HEH} {ALEF}",
        ),
        # مسئول = مسؤول, شئون = شؤون: ئ before و is the waw's hamza spelt on a yeh.
        (re.compile(f"{YEH_HAMZA}(?={WAW})"), WAW),
        (re.compile(YEH_HAMZA), yeh),  # any other ئ: its seat
        # عبد الله → عبدالله, ابو ظبي → ابوظبي: the space of a name prefix.
        (re.compile("(?<=(?<!\\w)عبد) +(?=ال\\w)"), ""),
        (re.compile("(?<=(?<!\\w)ابو) +(?=[\u0621-\u064a\u067e-\u06d3])"), ""),
    ]
    if language == "ar":
        # A word-final heh or taa marbuta (before anything that is not a letter or digit).
        rules.append((re.compile(f"[{HEH}{TEH_MARBUTA}](?!\\w)"), TEH_MARBUTA))
    else:
        rules.append((re.compile(f"(?<=\\w\\w{ALEF}){HAMZA}(?!\\w)"), ""))  # اعضاء → اعضا
    return rules


def normalize(text: str, language: str) -> str:
    """Return text folded for searching in language ("en", "ar", "fa")."""
    folded = text.translate(_table(language)).casefold()
    for pattern, replacement in _rules(language):
        folded = pattern.sub(replacement, folded)
    return folded


def replace_with_offsets(
    pattern: re.Pattern, replacement: str, text: str, offsets: list[int]
) -> tuple[str, list[int]]:
    """
    Return pattern.sub(replacement, text) and the offsets of its characters: each
    character of a replacement takes the offset of the matched text (of its first
    character for the first, and so on up to its last), so offsets stay sorted.
    """
    pieces, new_offsets, position = [], [], 0
    for match in pattern.finditer(text):
        start, end = match.span()
        pieces.append(text[position:start])
        new_offsets.extend(offsets[position:start])
        pieces.append(replacement)
        if replacement:
            span = offsets[start:end] or offsets[max(start - 1, 0) : start] or [0]
            new_offsets.extend(span[min(i, len(span) - 1)] for i in range(len(replacement)))
        position = end
    pieces.append(text[position:])
    new_offsets.extend(offsets[position:])
    return "".join(pieces), new_offsets


@lru_cache(maxsize=8)
def _irregular(language: str) -> re.Pattern:
    """Match the characters that normalise to other than exactly one character."""
    table = _table(language)
    codes = [c for c, v in table.items() if v is None or len(v) != 1]
    codes += [c for c in range(0x80, 0x10000) if len(chr(c).casefold()) != 1]  # ß → ss
    ranges = "".join(re.escape(chr(c)) for c in sorted(set(codes)))
    return re.compile(f"[{ranges}]")


def normalize_with_offsets(text: str, language: str) -> tuple[str, list[int]]:
    """
    Return normalize(text, language) and, for each of its characters, the index of
    the character of text it came from.
    """
    table = _table(language)
    offsets: list[int] = []
    position = 0
    # Runs of characters that map one to one keep their offsets; only the others
    # (diacritics, ligatures, ß...) are looked at one by one.
    for match in _irregular(language).finditer(text):
        index = match.start()
        offsets.extend(range(position, index))
        mapped = table.get(ord(text[index]), text[index])
        if mapped:
            offsets.extend([index] * len(mapped.casefold()))
        position = index + 1
    offsets.extend(range(position, len(text)))
    folded = text.translate(table).casefold()
    for pattern, replacement in _rules(language):
        if pattern.search(folded):  # most rules match nothing: keep the offsets as they are
            folded, offsets = replace_with_offsets(pattern, replacement, folded, offsets)
    return folded, offsets
