"""Demo pictures drawn with Pillow: abstract hero images and expert portraits."""

import io
import random

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFilter

PALETTES = [
    ((18, 52, 86), (70, 130, 180), (200, 220, 240)),  # blue
    ((120, 72, 10), (214, 150, 40), (250, 225, 170)),  # amber
    ((20, 70, 40), (60, 150, 90), (200, 235, 210)),  # green
    ((110, 20, 30), (190, 60, 60), (245, 205, 200)),  # red
]


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def _save_once(name: str, draw) -> str:
    """Store the drawing under name unless a file is there already; return the name."""
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(draw()))
    return name


def hero(n: int) -> str:
    """Return the storage name of demo hero image n (1600×900), drawing it if needed."""

    def draw():
        rng = random.Random(n)
        dark, mid, light = PALETTES[n % len(PALETTES)]
        image = Image.new("RGB", (1600, 900), light)
        pen = ImageDraw.Draw(image)
        for _ in range(14):
            x, y = rng.randrange(1600), rng.randrange(900)
            points = [
                (x + rng.randrange(-320, 320), y + rng.randrange(-220, 220)) for _ in range(6)
            ]
            pen.polygon(points, fill=rng.choice((mid, dark)))
        image = image.filter(ImageFilter.GaussianBlur(6))
        pen = ImageDraw.Draw(image)
        for x in range(0, 1600, 100):
            pen.line([(x, 0), (x, 900)], fill=light, width=1)
        for y in range(0, 900, 100):
            pen.line([(0, y), (1600, y)], fill=light, width=1)
        return _jpeg(image)

    return _save_once(f"articles/demo-hero-{n}.jpg", draw)


def portrait(k: int) -> str:
    """Return the storage name of expert k's demo portrait (600×600), drawing it if needed."""

    def draw():
        rng = random.Random(1000 + k)
        dark, mid, light = PALETTES[k % len(PALETTES)]
        image = Image.new("RGB", (600, 600), light)
        pen = ImageDraw.Draw(image)
        skin = rng.choice(((241, 194, 125), (198, 134, 66), (141, 85, 36), (224, 172, 105)))
        pen.ellipse((120, 400, 480, 760), fill=dark)  # shoulders
        pen.ellipse((205, 140, 395, 370), fill=skin)  # head
        pen.chord((195, 120, 405, 300), 180, 360, fill=mid)  # hair
        return _jpeg(image)

    return _save_once(f"experts/demo-portrait-{k}.jpg", draw)
