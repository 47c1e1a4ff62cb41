"""
Time the PDF edition of a long article (a 5,000-word body) in each language, and print it.

    .venv/bin/python -m benchmarks.pdf [--words 5000] [--repeat 3]

On a throw-away test database (the test settings), one article in English, Arabic and
Farsi; for each language the best of --repeat renders (WeasyPrint, fonts embedded: what
the task or a first request costs), the HTML alone, the pages and the size.

It printed on the 2-core development machine, shared (load average 3.4), WeasyPrint 70,
Pango 1.50, --repeat 3:

    words: 5,000 per language
    language   html s    pdf s  pages      KiB
    en          0.003    0.734     13       30
    ar          0.008    1.145     15       38
    fa          0.003    1.100     13       34
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thinktank.settings_test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

#: Words of each language that the body repeats (the shaping and line breaking of real text).
TEXTS = {
    "en": "the policy of energy sanctions talks region security markets oil power "
    "government reform analysis economy nuclear agreement pressure",
    "ar": "السياسة الطاقة العقوبات المفاوضات المنطقة الأمن الأسواق النفط السلطة "
    "الحكومة الإصلاح التحليل الاقتصاد النووي الاتفاق الضغط",
    "fa": "سیاست انرژی تحریم‌ها مذاکرات منطقه امنیت بازارها نفت قدرت دولت "
    "اصلاحات تحلیل اقتصاد هسته‌ای توافق فشار",
}
WORDS = {code: text.split() for code, text in TEXTS.items()}
TITLES = {
    "en": "Khamenei's Speech Sets Limits on Engagement with the West",
    "ar": "خطاب خامنئي يرسم حدود المشاركة مع الغرب",
    "fa": "سخنرانی خامنه‌ای مرزهای تعامل با غرب را مشخص می‌کند",
}


def body(language: str, words: int) -> str:
    """A body of about words words: paragraphs of 100, a subhead before every tenth."""
    vocabulary = WORDS[language]
    parts = []
    for n in range(words // 100):
        if n % 10 == 0:
            parts.append(f"<h2>{' '.join(vocabulary[n % 5 : n % 5 + 3])}</h2>")
        text = " ".join(vocabulary[(n + i) % len(vocabulary)] for i in range(100))
        parts.append(f"<p>{text}. <strong>{vocabulary[n % len(vocabulary)]}</strong></p>")
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)

    from pypdf import PdfReader

    from articles import pdf_edition
    from articles.models import ArticleTranslation
    from core.pdf_render import render_pdf
    from tests.articles.factories import ArticleFactory
    from tests.experts.factories import ExpertFactory

    ArticleFactory(
        authors=[ExpertFactory()],
        languages={
            code: {"title": TITLES[code], "body": body(code, options.words), "slug": f"long-{code}"}
            for code in WORDS
        },
    )
    print(f"words: {options.words:,} per language")
    print(f"{'language':<8} {'html s':>8} {'pdf s':>8} {'pages':>6} {'KiB':>8}")
    for version in ArticleTranslation.objects.select_related("master").order_by("id"):
        html_times, pdf_times = [], []
        for _ in range(options.repeat):
            start = time.perf_counter()
            edition = pdf_edition.Edition(version)
            html_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            content = render_pdf(edition.html)
            pdf_times.append(time.perf_counter() - start)
        pages = len(PdfReader(io.BytesIO(content)).pages)
        print(
            f"{version.language_code:<8} {min(html_times):>8.3f} {min(pdf_times):>8.3f}"
            f" {pages:>6} {len(content) // 1024:>8}"
        )


if __name__ == "__main__":
    main()
