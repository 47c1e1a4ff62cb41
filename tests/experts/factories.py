"""factory_boy factories for experts."""

import factory
from django.db import transaction

from experts.models import Expert

NAMES = {"en": "Expert {n}", "ar": "الخبير {n}", "fa": "کارشناس {n}"}


class ExpertFactory(factory.django.DjangoModelFactory):
    """Create an expert translated into `languages` (default: all three)."""

    class Meta:
        model = Expert

    sort_name = factory.Sequence(lambda n: f"Expert {n:05d}")

    @classmethod
    def _create(cls, model_class, *args, languages=("en", "ar", "fa"), names=None, **kwargs):
        expert = model_class(*args, **kwargs)
        n = expert.sort_name.rsplit(" ", 1)[-1]
        for lang in languages:
            expert.set_current_language(lang)
            expert.name = (names or {}).get(lang) or NAMES[lang].format(n=n)
            expert.role = {"en": "Fellow", "ar": "زميل", "fa": "پژوهشگر"}[lang]
            expert.short_bio = f"{expert.name}: {expert.role}."
        # In one transaction, as the admin saves it: one "content changed" event.
        with transaction.atomic():
            expert.save()
        expert.set_current_language(languages[0])
        return expert
