"""Rendering PDFs: the site's fonts embedded, text that reads back, nothing fetched."""

import io
import shutil
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from pypdf import PdfReader

from core.pdf_render import font_folder, render_pdf, stylesheets


def fonts_and_text(pdf: bytes) -> tuple[set[str], str]:
    """The fonts embedded in the first page (without subset prefix) and its text."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    fonts = {font.get_object()["/BaseFont"] for font in page["/Resources"]["/Font"].values()}
    return {name.split("+", 1)[1].rstrip(",") for name in fonts}, page.extract_text()


def test_arabic_and_farsi_are_set_in_the_site_s_arabic_script_face_and_read_back(caplog):
    arabic = "يرسم حدود المشاركة مع الغرب"
    farsi = "نگاهی به سیاست ایران"
    for language, text in (("ar", arabic), ("fa", farsi)):
        html = f'<html lang="{language}" dir="rtl"><body><h1>{text}</h1><p>{text}</p></body></html>'
        fonts, extracted = fonts_and_text(render_pdf(html))
        # Spaces between Arabic words in the Arabic face (its copy with a space glyph):
        # no .notdef, no other face, the text as typed.
        assert {"Vazirmatn-arabic", "Vazirmatn-arabic-Bold"} <= fonts
        assert fonts <= {"Vazirmatn-arabic", "Vazirmatn-arabic-Bold", "Vazirmatn-latin"}
        assert extracted.splitlines()[0] == text
    assert not [r for r in caplog.records if ".notdef" in r.getMessage()]


def test_latin_inside_arabic_text_is_a_font_of_its_own():
    # Fontsource splits a face into an Arabic and a Latin file; embedded as one font, the
    # Latin letters were drawn with the Arabic file's glyphs of the same numbers.
    html = '<html lang="ar" dir="rtl"><body><p>مع الولايات المتحدة USA</p></body></html>'
    fonts, text = fonts_and_text(render_pdf(html))
    assert fonts == {"Vazirmatn-arabic", "Vazirmatn-latin"} and "USA" in text


def test_english_is_set_in_the_serif():
    fonts, text = fonts_and_text(
        render_pdf('<html lang="en"><body><p>Oil and gas</p></body></html>')
    )
    assert fonts == {"Source-Serif-4-latin"} and "Oil and gas" in text


def test_the_renderer_fetches_nothing_from_the_network():
    asked = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            asked.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        render_pdf(
            f'<html><head><link rel="stylesheet" href="{base}/x.css"></head>'
            f'<body><img src="{base}/x.png"><p style="background: url({base}/y.png)">x</p>'
            "</body></html>",
            base_url=base + "/",
        )
    finally:
        server.shutdown()
    assert asked == []


@pytest.fixture
def own_temporary_folder(monkeypatch, tmp_path):
    """A temporary folder of this test's own: other test processes share the real one."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stylesheets.cache_clear()
    yield tmp_path
    stylesheets.cache_clear()  # the next test's fonts from the real folder again


def test_the_fonts_copies_are_made_again_when_the_temporary_folder_is_gone(own_temporary_folder):
    html = '<html lang="fa"><body><p>سلام دنیا</p></body></html>'
    render_pdf(html)
    assert font_folder().parent == own_temporary_folder
    shutil.rmtree(font_folder())
    fonts, text = fonts_and_text(render_pdf(html))
    assert "Vazirmatn-arabic" in fonts and "سلام دنیا" in text


def test_rendering_leaves_pillow_refusing_truncated_images():
    # Importing WeasyPrint turns Pillow's LOAD_TRUNCATED_IMAGES on for the whole process.
    from PIL import ImageFile

    render_pdf("<html><body><p>x</p></body></html>")
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
