"""Uploads: only real JPEG, PNG or WebP within the limits; renditions made once."""

import io
import struct
import zlib

import pytest
from django import forms
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core import images
from core.images import SafeImageField
from core.templatetags.images import responsive_image


def picture(fmt="JPEG", size=(1000, 600), name="photo.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue())


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@pytest.fixture(scope="session")
def png_bomb() -> bytes:
    """A real 50,000 × 50,000 one-bit PNG: 300 KB on disk, 2.5 gigapixels decoded."""
    width = height = 50_000
    row = b"\x00" + bytes(width // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def refusal(upload) -> str:
    with pytest.raises(forms.ValidationError) as error:
        SafeImageField().clean(upload)
    return " ".join(error.value.messages)


@pytest.mark.parametrize(("fmt", "extension"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")])
def test_real_jpeg_png_and_webp_are_accepted_and_named_after_their_format(fmt, extension):
    upload = SafeImageField().clean(picture(fmt, name="upload.bin"))
    assert upload.name == f"upload.{extension}"


def test_a_text_file_named_jpg_is_refused():
    upload = SimpleUploadedFile("photo.jpg", b"this is not a picture at all\n" * 20)
    assert "not a JPEG, PNG or WebP image" in refusal(upload)


def test_an_image_over_10_megabytes_is_refused():
    upload = SimpleUploadedFile("big.jpg", b"\xff\xd8\xff\xe0" + bytes(10 * 1024 * 1024))
    assert "the limit is 10 MB" in refusal(upload)


def test_a_decompression_bomb_is_refused_without_decoding_it(png_bomb):
    assert len(png_bomb) < 1_000_000
    message = refusal(SimpleUploadedFile("bomb.png", png_bomb))
    assert "far more than 40 megapixels" in message and "not processed" in message


def test_an_image_over_40_megapixels_is_refused_with_its_size():
    assert "8000×6000 pixels; the limit is 40 megapixels" in refusal(
        picture("PNG", size=(8000, 6000), name="huge.png")
    )


def test_a_gif_is_refused_even_though_it_is_an_image():
    assert "this file is GIF" in refusal(picture("GIF", name="anim.gif"))


def test_a_truncated_png_is_refused():
    data = picture("PNG", name="x.png").read()
    assert "damaged" in refusal(SimpleUploadedFile("x.png", data[: len(data) // 2]))


def test_renditions_are_made_once_and_the_tag_offers_them_in_a_srcset(django_assert_num_queries):
    cache.clear()
    name = default_storage.save("articles/hero.jpg", picture(size=(1300, 700)))
    html = responsive_image(default_storage.open(name) and _field(name), "A harbour at dusk")
    assert html.startswith('<picture><source type="image/webp" srcset="')
    for width in (160, 320, 480, 800, 1200):
        assert f"-{width}.webp {width}w" in html
    assert "1600w" not in html  # Never enlarged.
    assert 'alt="A harbour at dusk"' in html and 'width="1300" height="700"' in html
    made = default_storage.listdir(images._rendition_name(name, 480).rsplit("/", 1)[0])[1]
    assert len(made) == 5

    default_storage.delete(images._rendition_name(name, 480))
    assert responsive_image(_field(name), "x").count("webp") == html.count("webp")
    assert not default_storage.exists(images._rendition_name(name, 480))  # Reused, not redone.


def _field(name):
    from articles.models import Article

    return Article(hero_image=name).hero_image


def test_the_tag_renders_nothing_without_an_image():
    assert responsive_image(None, "x") == ""
