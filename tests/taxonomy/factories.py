"""factory_boy factories for taxonomy terms, with a name in each language."""

import factory
from django.db import transaction

from taxonomy.models import ArticleType, Region, Topic

LABELS = {
    Topic: {"en": "Topic {n}", "ar": "موضوع {n}", "fa": "موضوع {n}"},
    Region: {"en": "Region {n}", "ar": "منطقة {n}", "fa": "منطقه {n}"},
    ArticleType: {"en": "Brief Analysis {n}", "ar": "تحليل موجز {n}", "fa": "تحلیل کوتاه {n}"},
}


class TermFactory(factory.django.DjangoModelFactory):
    """Create a term translated into `languages` (default: all three)."""

    class Meta:
        abstract = True

    position = factory.Sequence(lambda n: n)

    @classmethod
    def _create(cls, model_class, *args, languages=("en", "ar", "fa"), names=None, **kwargs):
        term = model_class(*args, **kwargs)
        n = term.position
        for lang in languages:
            term.set_current_language(lang)
            term.name = (names or {}).get(lang) or LABELS[model_class][lang].format(n=n)
        # In one transaction, as the admin saves it: one "content changed" event.
        with transaction.atomic():
            term.save()
        term.set_current_language(languages[0])
        return term


class TopicFactory(TermFactory):
    class Meta:
        model = Topic


class RegionFactory(TermFactory):
    class Meta:
        model = Region


class ArticleTypeFactory(TermFactory):
    class Meta:
        model = ArticleType
