"""factory_boy factories for articles and their translations."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from articles.models import Article, ArticleTranslation, Authorship, State, TranslatorLanguage
from articles.roles import ensure_roles
from tests.taxonomy.factories import ArticleTypeFactory

TITLES = {"en": "Analysis {n}", "ar": "تحليل رقم {n}", "fa": "تحلیل شماره {n}"}


class ArticleFactory(factory.django.DjangoModelFactory):
    """
    Create an article. `languages` maps each language to a state or to a dict of
    translation fields, e.g. ArticleFactory(languages={"en": "published", "ar": "review"}).
    `authors`, `topics` and `regions` take lists of objects.
    """

    class Meta:
        model = Article
        skip_postgeneration_save = True

    article_type = factory.SubFactory(ArticleTypeFactory, languages=("en", "ar", "fa"))
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @classmethod
    def _generate(cls, strategy, params):
        # In one transaction, as a save in the admin writes an article with its
        # translations, authors and terms: one "content changed" event for the article
        # when it is complete, not one per row (which cost most of many tests' time).
        if strategy != factory.enums.CREATE_STRATEGY:
            return super()._generate(strategy, params)
        with transaction.atomic():
            return super()._generate(strategy, params)

    @classmethod
    def _create(cls, model_class, *args, languages=None, **kwargs):
        article = model_class.objects.create(*args, **kwargs)
        for lang, spec in (languages or {"en": State.PUBLISHED}).items():
            fields = (
                {"state": spec} if isinstance(spec, str) else {"state": State.PUBLISHED, **spec}
            )
            fields.setdefault("title", TITLES[lang].format(n=article.pk))
            fields.setdefault("summary", f"{fields['title']} — summary")
            fields.setdefault("body", f"<p>{fields['title']} — body</p>")
            ArticleTranslation.objects.create(master=article, language_code=lang, **fields)
        return article

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        for position, expert in enumerate(extracted or []):
            Authorship.objects.create(article=self, expert=expert, position=position)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if extracted:
            self.regions.set(extracted)


class UserFactory(factory.django.DjangoModelFactory):
    """A staff user; `role` names one of the editorial groups, `languages` a translator's."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    is_staff = True

    @classmethod
    def _create(cls, model_class, *args, role=None, languages=(), password="pw", **kwargs):
        user = model_class(*args, **kwargs)
        user.set_password(password)
        user.save()
        if role:
            ensure_roles()  # A transactional test may have flushed the migration's groups.
            user.groups.add(Group.objects.get(name=role))
        for language in languages:
            TranslatorLanguage.objects.create(user=user, language_code=language)
        return user
