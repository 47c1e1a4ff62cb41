import pytest
from django.core.exceptions import ValidationError

from experts.models import Expert, ExpertLink
from tests.experts.factories import ExpertFactory

pytestmark = pytest.mark.django_db


def test_slug_and_sort_name_come_from_the_english_name():
    expert = ExpertFactory(
        names={"en": "Michael Harper", "ar": "مايكل هاربر", "fa": "مایکل هارپر"}, sort_name=""
    )
    assert expert.slug == "michael-harper"
    assert expert.sort_name == "Harper, Michael"
    assert Expert.objects.language("fa").get(pk=expert.pk).name == "مایکل هارپر"


def test_an_expert_written_only_in_arabic_gets_a_transliterated_slug():
    expert = ExpertFactory(languages=("ar",), names={"ar": "حنين غدار"})
    assert expert.slug == "hnyn-ghdar"


@pytest.mark.parametrize(
    ("kind", "url", "ok"),
    [
        (ExpertLink.Kind.WEBSITE, "https://example.org/me", True),
        (ExpertLink.Kind.WEBSITE, "javascript:alert(1)", False),
        (ExpertLink.Kind.EMAIL, "me@example.org", True),
        (ExpertLink.Kind.EMAIL, "not an address", False),
    ],
)
def test_links_accept_only_web_and_email_addresses(kind, url, ok):
    link = ExpertLink(expert=ExpertFactory(), kind=kind, url=url)
    if ok:
        link.full_clean()
    else:
        with pytest.raises(ValidationError):
            link.full_clean()
