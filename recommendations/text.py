"""
Words of a title and summary for TF-IDF, normalised exactly as search normalises them
(core.normalize), without stop words.
"""

import re

from core.normalize import normalize

WORD = re.compile(r"[^\W\d_]{3,}")
ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال")
_STOP = {
    "en": "the and for with that this from into its their after about over under what when how "
    "why who has have had was were are will would can could may not but than then they them "
    "there these those which while more most other such also",
    "ar": "في من على الى عن مع هذا هذه ذلك التي الذي بعد قبل بين كيف ماذا لماذا",
    "fa": "در از به با برای این آن که را های ها است چه چرا چگونه پس",
}
# Written as people type them; compared after the same normalisation as the text.
STOP_WORDS = {
    language: {normalize(word, language) for word in text.split()}
    for language, text in _STOP.items()
}


def words(text: str, language: str) -> list[str]:
    """Return the content words of text, normalised; Arabic loses its article prefix."""
    stop = STOP_WORDS.get(language, set())
    result = []
    for word in WORD.findall(normalize(text, language)):
        if language == "ar":
            for prefix in ARABIC_PREFIXES:
                if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                    word = word[len(prefix) :]
                    break
        if word not in stop:
            result.append(word)
    return result
