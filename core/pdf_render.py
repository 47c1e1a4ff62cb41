"""
Render an HTML document as a PDF with WeasyPrint: the site's own fonts embedded, its print
stylesheet (static/css/print.css) and the PDF edition's page rules (static/css/pdf.css).

What makes the text of an Arabic or Farsi PDF come back out as typed (copy, search, a
screen reader, pypdf's extract_text), found by extracting it:

- Fontsource's Arabic-script files (static/fonts/*-arabic-*.woff2) hold no space: the
  space is in the Latin file of the family. Pango gives the spaces between Arabic words to
  the Arabic face anyway (it assumes every font has one), so they came out as .notdef,
  and a font with a missing glyph makes WeasyPrint write its own encoding CMap instead of
  Identity-H, which text extractors misread: every letter came out garbled. So the PDF
  uses copies of those files with a blank space glyph added (`_with_space`), made once
  per process in a temporary folder from the committed files.
- WeasyPrint's default subsetting is kept: it writes each glyph's text from Pango's
  clusters into the ToUnicode map. `full_fonts=True` is worse, not better: the map then
  comes from the font's own cmap, and Arabic comes out as presentation forms (U+FExx),
  not as the letters typed. `uncompressed_pdf`, `hinting` and `pdf_tags` change nothing
  for extraction; they only cost size.
- A glyph has one entry in that map, so a font that draws several letters with one shared
  glyph cannot be read back. Noto Naskh Arabic does (its ccmp feature splits letters into
  a dotless skeleton and dots: ب ت ث share one), so the PDF sets Arabic in Vazirmatn as
  it sets Farsi: a full Arabic-script face (Arabic letters, Persian's ی ک گ پ and digits)
  whose every letter form is a glyph of its own (static/css/pdf.css).

And what makes it look right: each font file is a family of its own in the PDF's
stylesheet ("Vazirmatn arabic", "Vazirmatn latin"), since WeasyPrint embeds one font per
family, weight and style, and the Latin file's letters were drawn from the Arabic file.
"""

import functools
import hashlib
import os
import re
import tempfile
from pathlib import Path

from django.contrib.staticfiles import finders

#: The stylesheets of a PDF, in order (static files): fonts, print rules, page rules.
STYLESHEETS = ("css/fonts.css", "css/print.css", "css/pdf.css")
_FONT_URL = re.compile(r'url\("\.\./fonts/([^"]+)"\)')
#: How fonts.css starts the unicode-range of an Arabic-script face (U+0600-..., U+060C-...).
_ARABIC_RANGE = "unicode-range: U+060"
_FAMILY = re.compile(r'font-family: "([^"]+)";')
_UNICODE_BIDI = re.compile(r"unicode-bidi:\s*[a-z-]+;?")
SPACES = (0x20, 0xA0)


def _weasyprint():
    """
    Import WeasyPrint (on first use: it loads Pango, which a process that renders no PDF
    need not), and undo what its import does to the whole process: it sets Pillow's
    LOAD_TRUNCATED_IMAGES, which would let a cut-short upload through the site's image
    checks (core.images refuses to run with it). A PDF edition draws no images.
    """
    import weasyprint
    from PIL import ImageFile

    ImageFile.LOAD_TRUNCATED_IMAGES = False
    return weasyprint


def _static(path: str) -> Path:
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(f"static file {path} not found")
    return Path(found)


def _with_space(source: Path, folder: Path) -> Path:
    """A TrueType copy of an Arabic-script face with a blank space (and no-break space)."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    target = folder / (source.stem + ".ttf")
    if target.exists():
        return target
    font = TTFont(source)
    family, _arabic, face = source.name.rpartition("-arabic-")
    latin = TTFont(source.with_name(f"{family}-latin-{face}"))
    advance = latin["hmtx"][latin.getBestCmap()[0x20]][0]
    order = [*font.getGlyphOrder(), "space.pdf"]
    font.setGlyphOrder(order)
    font["glyf"].glyphOrder = order
    font["glyf"].glyphs["space.pdf"] = Glyph()
    font["hmtx"].metrics["space.pdf"] = (advance, 0)
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap.update(dict.fromkeys(SPACES, "space.pdf"))
    font.flavor = None
    # Written whole, then renamed: processes sharing the folder never read half a file.
    partial = folder / f"{source.stem}.{os.getpid()}.tmp"
    font.save(partial)
    os.replace(partial, target)
    return target


def font_folder() -> Path:
    """The folder of the fonts' copies: one per version of them, shared by the machine."""
    return Path(tempfile.gettempdir()) / f"thinktank-pdf-fonts-{fingerprint()}"


@functools.cache
def stylesheets() -> tuple[str, ...]:
    """The PDF's stylesheets as text, fonts pointing at files on this machine."""
    folder = font_folder()
    folder.mkdir(exist_ok=True)
    fonts_css = _static("css/fonts.css")
    rules = []
    for rule in fonts_css.read_text().split("@font-face")[1:]:
        name = _FONT_URL.search(rule).group(1)
        source = fonts_css.parent.parent / "fonts" / name
        if _ARABIC_RANGE in rule:
            source = _with_space(source, folder)
            rule = rule.replace("unicode-range: ", "unicode-range: U+0020,U+00A0,", 1)
        # A family of its own per file ("Vazirmatn arabic", "Vazirmatn latin"): WeasyPrint
        # tells the fonts of a PDF apart by family, weight and style, so two files of one
        # face would become one font, drawing the other file's glyph numbers with its own.
        script = "arabic" if "-arabic-" in name else "latin"
        rule = _FAMILY.sub(rf'font-family: "\1 {script}";', rule, count=1)
        rules.append("@font-face" + _FONT_URL.sub(f'url("{source.as_uri()}")', rule))
    # WeasyPrint has no `unicode-bidi` (print.css isolates printed addresses with it): left
    # in, it warns at every render.
    others = (_UNICODE_BIDI.sub("", _static(path).read_text()) for path in STYLESHEETS[1:])
    return ("".join(rules), *others)


@functools.cache
def fingerprint() -> str:
    """
    A hash of what shapes every PDF besides its HTML: stylesheets, font files and
    WeasyPrint's version.
    """
    __version__ = _weasyprint().__version__

    digest = hashlib.sha256(__version__.encode())
    for path in STYLESHEETS:
        digest.update(_static(path).read_bytes())
    for font in sorted(_static("css/fonts.css").parent.parent.glob("fonts/*.woff2")):
        digest.update(font.name.encode() + font.read_bytes())
    return digest.hexdigest()[:16]


def render_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Return the PDF of a whole HTML document (its links are made absolute on base_url)."""
    _weasyprint()
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    # Local files only (the fonts): a renderer on the server fetches nothing from the
    # network, whatever a body links to.
    fetcher = URLFetcher(allowed_protocols={"file"})
    if not font_folder().is_dir():  # a cleaner emptied the temporary folder: make it again
        stylesheets.cache_clear()
    fonts = FontConfiguration()
    sheets = [CSS(string=text, font_config=fonts, url_fetcher=fetcher) for text in stylesheets()]
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    # WeasyPrint's defaults on purpose: subset fonts (see above), compressed streams.
    return document.write_pdf(stylesheets=sheets, font_config=fonts)
