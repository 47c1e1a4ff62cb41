"""
Spellings that search must join, and words it must keep apart, per language.

Read by the tests (tests/core/test_normalize.py, tests/search/test_variants.py, the
browser test) and by benchmarks/search.py, which prints the recall on them. Each group
is one word or name as readers write it: a piece that holds any spelling of a group is
found by a search for any other. The pairs are words that look alike but mean different
things: a search for one must not find the other.
"""

#: language -> groups of spellings that must find each other.
VARIANTS = {
    "ar": [
        # Khamenei: the Arabic spelling and the Persian ones (issue 15).
        ["خامنئي", "خامنه اي", "خامنه‌ای", "خامنه ای", "خامنئی"],
        ["الحكومة", "حكومة", "الحكومه", "حكومه"],
        ["الإيرانية", "الايرانيه", "الإيرانيّة", "إيرانية"],
        ["مسؤول", "مسئول"],
        ["شؤون", "شئون"],
        ["عبد الله", "عبدالله"],
        ["أبوظبي", "أبو ظبي", "ابوظبي"],
        ["إسرائيل", "اسرائيل", "اسراييل"],
        ["مستوى", "مستوي"],
        ["حزب الله", "حزب‌الله"],
        ["طباطبائي", "طباطبايي", "طباطبایی"],
    ],
    "fa": [
        ["خامنه‌ای", "خامنه ای", "خامنه اي", "خامنئي", "خامنئی"],
        ["کتاب", "کتاب‌ها", "کتابها", "کتاب ها", "کتاب‌های", "كتاب"],
        ["تحریم", "تحریم‌ها", "تحریمها", "تحریم ها", "تحریم‌های"],
        ["هسته‌ای", "هسته ای", "هسته"],
        ["مسئول", "مسؤول", "مسوول"],
        ["سؤال", "سوال"],
        ["رئیس", "رییس", "رئيس"],
        ["اعضاء", "اعضا"],
        ["آمریکای", "آمریکا", "امریکا"],
        ["اسرائیل", "اسراییل", "إسرائيل"],
        ["خانه‌ی", "خانهٔ", "خانه"],
        ["حزب‌الله", "حزب الله"],
        ["عبداللهیان", "عبد اللهیان"],
    ],
    "en": [
        ["Khamenei", "KHAMENEI", "khamenei"],
    ],
}

#: language -> (a, b) pairs that must not find each other.
APART = {
    "ar": [
        ("ماء", "ما"),  # water, what
        ("سؤال", "سال"),
        ("عبد", "عبدالله"),
        ("جزئي", "جزء"),
        ("الحكومة", "الحكم"),
        ("نووي", "نوى"),
    ],
    "fa": [
        ("سؤال", "سال"),  # question, year
        ("تنها", "تن"),  # alone, body
        ("ایران", "ایر"),
        ("رئیسی", "رئیس"),  # Raisi, president
        ("آنها", "آن"),  # they, that
        ("ماء", "ما"),  # water, we
        ("جزء", "جز"),  # part, except
        ("شبه", "شب"),  # quasi, night
        ("چای", "چا"),
        ("کتابی", "کتاب"),
    ],
    "en": [("Iran", "Iraq")],
}

#: Synonym sets the tests create (the demo's own are in demo.vocabulary.SYNONYMS).
SYNONYM_GROUPS = [
    ["Hezbollah", "Hizballah", "Hizbullah", "حزب الله", "حزب‌الله"],
]
