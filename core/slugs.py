"""
Slugs: readable lower-case ASCII made from titles in any of our scripts.

Arabic and Persian letters are transliterated with a fixed table (general-purpose
transliterators such as unidecode drop the alef and turn taa marbuta into "@"), so the
institute's Arabic URL `khtab-khamnyy-yrsm-hdwd-almsharkt-m-alghrb` comes out as expected.
"""

import re
import unicodedata

from django.utils.text import slugify

# fmt: off
ARABIC_SCRIPT = {
    # Alef and hamza forms.
    "ا": "a", "أ": "a", "إ": "a", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "w", "ئ": "y",
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "و": "w", "ي": "y", "ى": "a", "ة": "t",
    # Persian letters and forms.
    "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ک": "k", "ی": "y", "ۀ": "h", "ە": "h",
    # Arabic-Indic and Persian digits.
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
    # Zero-width non-joiner (Persian compound words) and tatweel join without a letter.
    "\u200c": "", "\u0640": "",
}
# fmt: on
MAX_LENGTH = 200


def transliterate(text: str) -> str:
    """Return text with Arabic-script letters spelled in ASCII; other characters unchanged."""
    # Drop combining marks (harakat, shadda) before mapping the base letters.
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # NFKD splits آ into ا + madda; recompose what is left so the table sees base letters.
    return "".join(ARABIC_SCRIPT.get(ch, ch) for ch in unicodedata.normalize("NFC", stripped))


def slugify_title(title: str, max_length: int = MAX_LENGTH) -> str:
    """Return a lower-case ASCII slug for a title in English, Arabic or Farsi."""
    slug = slugify(transliterate(title))
    slug = re.sub(r"-{2,}", "-", slug)[:max_length].strip("-")
    return slug


def unique_slug(base: str, is_taken, max_length: int = MAX_LENGTH) -> str:
    """Return base, or base-2, base-3, ... : the first for which is_taken(slug) is False."""
    base = base or "untitled"
    slug, n = base[:max_length], 1
    while is_taken(slug):
        n += 1
        suffix = f"-{n}"
        slug = base[: max_length - len(suffix)].rstrip("-") + suffix
    return slug
