"""Pieces shared by the content models of several apps."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatedFieldsModel

from thinktank.slugs import MAX_LENGTH, slugify_title, unique_slug

# Translations whose slugs share /policy-analysis/<slug>, so a slug may be used by at
# most one of them per language (as on the institute's current site).
POLICY_ANALYSIS_NAMESPACE = [
    "articles.ArticleTranslation",
    "taxonomy.TopicTranslation",
    "taxonomy.RegionTranslation",
    "taxonomy.ArticleTypeTranslation",
]


def namespace_owner(slug: str, language: str, exclude=None):
    """Return the translation that uses slug in language under /policy-analysis/, or None."""
    for label in POLICY_ANALYSIS_NAMESPACE:
        model = apps.get_model(label)
        qs = model.objects.filter(language_code=language, slug=slug)
        if exclude is not None and isinstance(exclude, model) and exclude.pk:
            qs = qs.exclude(pk=exclude.pk)
        found = qs.first()
        if found is not None:
            return found
    return None


class NamespacedTranslation(TranslatedFieldsModel):
    """A translation reachable at /policy-analysis/<slug>; the slug is made from a title."""

    slug = models.SlugField(
        _("slug"),
        max_length=MAX_LENGTH,
        blank=True,
        help_text=_("Part of the address. Leave blank to make one from the title."),
    )

    #: The translated field a blank slug is made from.
    slug_source = "name"

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.slug and self.language_code:
            owner = namespace_owner(self.slug, self.language_code, exclude=self)
            if owner is not None:
                raise ValidationError(
                    {
                        "slug": _(
                            "The address “%(slug)s” is already used in this language by "
                            "%(owner)s. Choose another slug."
                        )
                        % {"slug": self.slug, "owner": owner.describe()}
                    }
                )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.make_slug()
        super().save(*args, **kwargs)

    def make_slug(self) -> str:
        """Return a free slug for this translation, made from its title."""
        base = slugify_title(getattr(self, self.slug_source) or "")
        return unique_slug(
            base, lambda s: namespace_owner(s, self.language_code, exclude=self) is not None
        )

    def describe(self) -> str:
        """Return a short label naming this translation for editors, e.g. 'topic “Energy”'."""
        return f"{self.shared_model._meta.verbose_name} “{getattr(self, self.slug_source)}”"
