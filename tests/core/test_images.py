"""Uploads: only whole JPEG, PNG or WebP within the limits; renditions made once."""

import io
import re
import struct
import zlib

import pytest
from django import forms
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageFile

from core import images
from core.images import SafeImageField
from core.templatetags.images import responsive_image
from tests.images import BROKEN, image_bytes, stored_files


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


# Whole images only: every pixel decoded before a file is accepted.


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_file_that_is_not_a_whole_image_is_refused_with_what_is_wrong(case):
    name, content, message = BROKEN[case]
    assert refusal(SimpleUploadedFile(name, content)) == message


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_an_animated_image_is_refused(fmt):
    frames = [Image.new("RGB", (60, 40), (40 * n, 90, 160)) for n in range(3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, fmt, save_all=True, append_images=frames[1:])
    name = {"PNG": "PNG", "WEBP": "WebP"}[fmt]
    assert refusal(SimpleUploadedFile("moving.png", buffer.getvalue())) == (
        f"This {name} image is animated; upload a still image."
    )


def test_pillow_is_never_told_to_accept_cut_short_images(monkeypatch):
    # Django is set up with every app imported: nothing has switched it on.
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(ImproperlyConfigured):
        images.validate_image(SimpleUploadedFile("x.jpg", image_bytes("JPEG")))


def test_the_uploaded_type_is_replaced_by_the_real_one_which_object_storage_stores():
    from storages.backends.s3 import S3Storage

    claimed = SimpleUploadedFile("page.html", image_bytes("PNG"), content_type="text/html")
    upload = SafeImageField().clean(claimed)
    assert (upload.name, upload.content_type) == ("page.png", "image/png")
    # What django-storages sends to S3 as the object's Content-Type.
    parameters = S3Storage(bucket_name="media")._get_write_parameters("articles/page.png", upload)
    assert parameters["ContentType"] == "image/png"


# The model field: code that stores a file without a form is held to the same rule.


@pytest.mark.django_db
def test_a_broken_image_assigned_in_code_fails_full_clean_and_save_and_nothing_is_stored():
    from articles.models import Article
    from tests.articles.factories import ArticleFactory

    article = ArticleFactory()
    before = stored_files(default_storage, "articles")
    _name, content, message = BROKEN["truncated JPEG"]
    article.hero_image = File(io.BytesIO(content), name="cut.jpg")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert error.value.message_dict["hero_image"] == [message]
    # Raised inside save(): the save's transaction is rolled back, as for any failed save.
    with pytest.raises(ValidationError), transaction.atomic():
        article.save()
    with pytest.raises(ValidationError), transaction.atomic():
        Article.objects.get(pk=article.pk).hero_image.save("cut.jpg", ContentFile(content))
    assert stored_files(default_storage, "articles") == before
    assert not Article.objects.get(pk=article.pk).hero_image


@pytest.mark.django_db
def test_a_whole_image_saved_in_code_is_stored_under_the_extension_of_its_type():
    from tests.experts.factories import ExpertFactory

    expert = ExpertFactory()
    expert.photo.save("portrait.png", ContentFile(image_bytes("JPEG", (300, 300))))
    expert.refresh_from_db()
    assert re.fullmatch(r"experts/portrait(_\w+)?\.jpg", expert.photo.name)
    with default_storage.open(expert.photo.name) as stored:
        assert Image.open(stored).format == "JPEG"


def test_the_pixel_limit_is_checked_from_the_header_before_any_pixel_is_decoded(monkeypatch):
    decoded = []
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda image: decoded.append(image))
    header = struct.pack(">IIBBBBB", 8000, 6000, 8, 2, 0, 0, 0)  # 48 megapixels, RGB
    data = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", b"x" * 64)
    message = refusal(SimpleUploadedFile("wide.png", data + _chunk(b"IEND", b"")))
    assert "8000×6000 pixels; the limit is 40 megapixels" in message
    assert decoded == []
