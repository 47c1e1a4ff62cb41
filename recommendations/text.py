"""Words of a title and summary for TF-IDF: normalised Arabic and Persian, no stop words."""

import re
import unicodedata

WORD = re.compile(r"[^\W\d_]{3,}")
ARABIC_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ی": "ي",  # Persian yeh
        "ک": "ك",  # keheh
        "ـ": None,  # tatweel
        "\u200c": " ",  # ZWNJ separates a Persian suffix
    }
)
DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال")
_STOP = {
    "en": "the and for with that this from into its their after about over under what when how "
    "why who has have had was were are will would can could may not but than then they them "
    "there these those which while more most other such also",
    "ar": "في من على الى عن مع هذا هذه ذلك التي الذي بعد قبل بين كيف ماذا لماذا",
    "fa": "در از به با برای این آن که را های ها است چه چرا چگونه پس",
}
STOP_WORDS = {language: set(text.split()) for language, text in _STOP.items()}


def normalise(text: str) -> str:
    """Fold letter variants and drop diacritics, so spellings of one word compare equal."""
    text = unicodedata.normalize("NFKC", text).lower()
    return DIACRITICS.sub("", text.translate(ARABIC_FOLD))


def words(text: str, language: str) -> list[str]:
    """Return the content words of text, normalised; Arabic loses its article prefix."""
    stop = STOP_WORDS.get(language, set())
    result = []
    for word in WORD.findall(normalise(text)):
        if language == "ar":
            for prefix in ARABIC_PREFIXES:
                if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                    word = word[len(prefix) :]
                    break
        if word not in stop:
            result.append(word)
    return result
