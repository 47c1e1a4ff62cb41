import pytest
from django.core.exceptions import ValidationError

from taxonomy.models import Topic
from tests.taxonomy.factories import RegionFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_a_term_has_a_name_and_slug_in_each_language():
    topic = TopicFactory(
        names={"en": "Energy & Economics", "ar": "الطاقة والاقتصاد", "fa": "انرژی و اقتصاد"}
    )
    topic = Topic.objects.get(pk=topic.pk)
    slugs = {t.language_code: (t.name, t.slug) for t in topic.translations.all()}
    assert slugs == {
        "en": ("Energy & Economics", "energy-economics"),
        "ar": ("الطاقة والاقتصاد", "altaqt-walaqtsad"),
        "fa": ("انرژی و اقتصاد", "anrzhy-w-aqtsad"),
    }


def test_a_second_term_with_the_same_name_gets_a_numbered_slug():
    TopicFactory(languages=("en",), names={"en": "Iran"})
    second = TopicFactory(languages=("en",), names={"en": "Iran"})
    assert second.slug == "iran-2"


def test_a_country_belongs_to_a_region_and_regions_nest_only_one_level():
    middle_east = RegionFactory()
    iraq = RegionFactory(parent=middle_east)
    assert iraq.is_country and not middle_east.is_country
    assert list(middle_east.countries.all()) == [iraq]

    basra = RegionFactory.build(parent=iraq)
    with pytest.raises(ValidationError, match="must be a region, not a country"):
        basra.clean()
    middle_east.parent = RegionFactory()
    with pytest.raises(ValidationError, match="has countries"):
        middle_east.clean()
