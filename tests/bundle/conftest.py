import pytest
from django.core.files.base import ContentFile

from articles.models import Attachment, SlugRedirect
from tests.articles.factories import ArticleFactory, UserFactory
from tests.articles.pdfs import pdf_bytes
from tests.experts.factories import ExpertFactory
from tests.images import image_bytes
from tests.taxonomy.factories import ArticleTypeFactory, RegionFactory, TopicFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def importer(db):
    return UserFactory(username="importer", is_superuser=True, is_staff=True)


@pytest.fixture
def site(db):
    """A small site: terms in a hierarchy, experts, articles in three languages, a pin."""
    kind = ArticleTypeFactory()
    topic, other_topic = TopicFactory(), TopicFactory()
    region = RegionFactory()
    country = RegionFactory(parent=region)
    first, second = ExpertFactory(slug="first-expert"), ExpertFactory(slug="second-expert")
    first.photo.save("first.jpg", ContentFile(image_bytes()), save=True)
    articles = []
    for n in range(4):
        article = ArticleFactory(
            article_type=kind,
            languages={"en": "published", "ar": "published", "fa": "review" if n else "published"},
            authors=[second, first] if n % 2 else [first],
            topics=[topic, other_topic][: 1 + n % 2],
            regions=[country],
        )
        articles.append(article)
    articles[0].hero_image.save("hero.jpg", ContentFile(image_bytes()), save=True)
    for language, title in (("en", "The full report"), ("ar", "التقرير الكامل")):
        content = pdf_bytes(3)
        Attachment.objects.create(
            article=articles[0], language_code=language, title=title, size=len(content),
            pages=3, file=ContentFile(content, name=f"report-{language}.pdf"),
        )  # fmt: skip
    articles[0].pins.create(target=articles[2], position=0)
    SlugRedirect.objects.create(article=articles[1], language_code="en", old_slug="an-old-slug")
    return articles
