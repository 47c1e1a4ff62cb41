"""Expert photos through the admin: only whole images are stored; the rest is refused."""

import re

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.urls import reverse

from core import images
from experts.models import Expert
from tests.articles.admin_forms import form_data
from tests.articles.factories import UserFactory
from tests.experts.factories import ExpertFactory
from tests.images import BROKEN, EXTENSIONS, image_bytes, stored_files, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return UserFactory(username="photo-editor", role="Editor")


def change_url(expert):
    return reverse("admin:experts_expert_change", args=[expert.pk]) + "?language=en"


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_photo_that_is_not_whole_is_refused_and_nothing_the_editor_typed_is_lost(
    client, editor, case
):
    name, content, message = BROKEN[case]
    expert = ExpertFactory(names={"en": "Dana Stroul"})
    client.force_login(editor)
    data = form_data(client.get(change_url(expert)))
    before = stored_files(default_storage, "experts")
    typed = {"name": "Dana Stroul-Haddad", "role": "Director of Research", "photo_alt": "Portrait"}
    data.update(typed, photo=upload(name.replace("hero", "face"), content))

    response = client.post(change_url(expert), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["photo"] == [message]
    html = response.content.decode()
    assert message in html
    form = response.context["adminform"].form
    for field, value in typed.items():
        assert form[field].value() == value and value in html
    assert stored_files(default_storage, "experts") == before
    expert = Expert.objects.language("en").get(pk=expert.pk)
    assert not expert.photo and expert.name == "Dana Stroul"


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_whole_photo_is_stored_under_its_type_and_gets_renditions(client, editor, fmt):
    cache.clear()
    expert = ExpertFactory()
    client.force_login(editor)
    data = form_data(client.get(change_url(expert)))
    data.update(photo=upload("face.jpeg", image_bytes(fmt, (700, 700))), photo_alt="Portrait")

    assert client.post(change_url(expert), data).status_code == 302

    expert.refresh_from_db()
    # Named after what it is (the storage may add a suffix to keep names unique).
    assert re.fullmatch(rf"experts/face(_\w+)?\.{EXTENSIONS[fmt]}", expert.photo.name)
    for width in (160, 320, 480):
        assert default_storage.exists(images._rendition_name(expert.photo.name, width))
