"""Rendering PDFs: the site's fonts embedded, text that reads back, nothing fetched."""

import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from pypdf import PdfReader

from core.pdf_render import render_pdf


def fonts_and_text(pdf: bytes) -> tuple[set[str], str]:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    fonts = {font.get_object()["/BaseFont"] for font in page["/Resources"]["/Font"].values()}
    return {name.split("+", 1)[1] for name in fonts}, page.extract_text()


def test_arabic_and_farsi_are_set_in_the_site_s_arabic_script_face_and_read_back():
    arabic = "يرسم حدود المشاركة مع الغرب"
    farsi = "نگاهی به سیاست ایران"
    for language, text in (("ar", arabic), ("fa", farsi)):
        html = f'<html lang="{language}" dir="rtl"><body><h1>{text}</h1><p>{text}</p></body></html>'
        fonts, extracted = fonts_and_text(render_pdf(html))
        # Spaces between Arabic words in the Arabic face (its copy with a space glyph):
        # no .notdef, no other face, the text as typed.
        assert fonts == {"Vazirmatn", "Vazirmatn-Bold"}
        assert extracted.splitlines()[0] == text


def test_english_is_set_in_the_serif():
    fonts, text = fonts_and_text(
        render_pdf('<html lang="en"><body><p>Oil and gas</p></body></html>')
    )
    assert [name.rstrip(",") for name in fonts] == ["Source-Serif-4"] and "Oil and gas" in text


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
