"""Pieces shared by the content models of several apps."""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, FilteredRelation, Q
from django.utils.translation import gettext_lazy as _
from parler.managers import TranslatableQuerySet
from parler.models import TranslatedFieldsModel, TranslationDoesNotExist

from core.slugs import MAX_LENGTH, slugify_title, unique_slug

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


class SourceVersioned(models.Model):
    """
    A translatable model whose translations follow one source language.

    `source_version` goes up by one whenever the source text changes in a normal (not
    minor) save; each translation records the version it was made from
    (`made_from_version`), so a translation is outdated when it is behind.
    """

    source_version = models.PositiveIntegerField(
        _("source version"),
        default=0,
        editable=False,
        help_text=_("Goes up by one whenever the source text changes in a normal save."),
    )

    #: The translated fields whose change in the source language outdates the others.
    source_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def get_source_language(self) -> str:
        """Return the language the others are translated from (the site's, unless set)."""
        return settings.LANGUAGE_CODE

    def is_outdated(self, language: str) -> bool:
        """Return True if the translation in language lags behind the source text."""
        try:
            translation = self._get_translated_model(language, auto_create=False)
        except TranslationDoesNotExist:
            return False
        return translation.pk is not None and translation.is_outdated_for(self)

    def made_from_source_text(self, language: str) -> dict | None:
        """Return the source text the translation in language was made from, if on record."""
        translation = self.translations.filter(language_code=language).first()
        return (translation.made_from_text or None) if translation else None


class MadeFromVersion(models.Model):
    """The translation side of SourceVersioned: the source version it was made from."""

    made_from_version = models.PositiveIntegerField(
        _("made from source version"), default=0, editable=False
    )

    class Meta:
        abstract = True

    def is_outdated_for(self, master) -> bool:
        """Return True if this translation of master is outdated (outdated_q, in Python)."""
        return (
            self.language_code != master.get_source_language()
            and self.made_from_version < master.source_version
        )


class MadeFromText(MadeFromVersion):
    """
    For models without revisions: also keep the source text the translation was made
    from, written when the source moves on past it (translations.sources).
    """

    made_from_text = models.JSONField(
        _("made from source text"), default=dict, blank=True, editable=False
    )

    class Meta:
        abstract = True


def outdated_q(model, *, translation: str = "", master: str = "master__") -> Q:
    """
    Return the rule for an outdated translation of model as a Q object: not in the source
    language, and made from an older source version. `translation` and `master` are the
    lookup prefixes that lead from the queried model to each side (as in public_q).
    """
    if any(f.name == "source_language" for f in model._meta.concrete_fields):
        source = F(f"{master}source_language")
    else:
        source = settings.LANGUAGE_CODE
    return Q(**{f"{translation}made_from_version__lt": F(f"{master}source_version")}) & ~Q(
        **{f"{translation}language_code": source}
    )


class TranslatedQuerySet(TranslatableQuerySet):
    """
    A parler queryset that can fetch one language's translation in the same query.

    `with_translation(language)` joins the translation table (an inner join: objects
    without that translation drop out) and hands each object its translation, so
    reading `obj.title` costs no further query. Listings and prefetches of terms and
    authors use it to keep a page's query count independent of its number of rows.
    """

    ALIAS = "_tr"

    def _clone(self):
        clone = super()._clone()
        clone._inline_translation = getattr(self, "_inline_translation", None)
        return clone

    def with_translation(self, language: str, where: Q | None = None):
        """
        Return objects that have a translation in language, with it attached.

        `where` adds conditions on the translation (reached as `_tr__<field>`) within
        the same join; a later .filter() on `_tr__` would join the table again.
        """
        translation_model = self.model._parler_meta.root_model
        # Every field: parler reads them all when it builds a translation, so a
        # deferred one would cost a query per object.
        names = [f.attname for f in translation_model._meta.concrete_fields if f.name != "master"]
        alias = self.ALIAS
        qs = (
            self.annotate(
                **{
                    alias: FilteredRelation(
                        "translations", condition=Q(translations__language_code=language)
                    )
                }
            )
            .filter(Q(**{f"{alias}__isnull": False}) & (where or Q()))
            .annotate(**{f"{alias}_{name}": F(f"{alias}__{name}") for name in names})
            .language(language)
        )
        qs._inline_translation = (language, names)
        return qs

    @classmethod
    def as_manager(cls):
        manager = TranslatedManager.from_queryset(cls)()
        manager._built_with_as_manager = True
        return manager

    as_manager.queryset_only = True

    def _fetch_all(self):
        fetching = self._result_cache is None  # Django calls this again on every len()/iter()
        super()._fetch_all()
        inline = getattr(self, "_inline_translation", None)
        results = self._result_cache
        if not (fetching and inline and results and isinstance(results[0], models.Model)):
            return
        attach_inline_translations(results, self.model, self.db)


def attach_inline_translations(objects, model, db) -> None:
    """Hand each object the translation that with_translation selected in its row."""
    translation_model = model._parler_meta.root_model
    fields = [f.attname for f in translation_model._meta.concrete_fields]
    prefixed = [f"{TranslatedQuerySet.ALIAS}_{name}" for name in fields]
    for obj in objects:
        row = obj.__dict__
        values = [
            obj.pk if name == "master_id" else row.pop(column)
            for name, column in zip(fields, prefixed, strict=True)
        ]
        attach_translation(obj, translation_model.from_db(db, fields, values))


# (model, language, database) -> the unfiltered queryset of with_translation(language).
_TRANSLATED_BASES: dict = {}


class TranslatedManager(models.Manager):
    """
    The manager of a TranslatedQuerySet: `Model.objects.with_translation(language)` builds
    its query (the join and an annotation per field) once per process and language and
    hands out clones of it, since building it costs more than running it.
    """

    def with_translation(self, language: str, where: Q | None = None):
        if where is not None:
            return self.get_queryset().with_translation(language, where)
        key = (self.model, language, self._db)
        base = _TRANSLATED_BASES.get(key)
        if base is None:
            base = _TRANSLATED_BASES[key] = self.get_queryset().with_translation(language)
        return base.all()  # a clone: the base itself is never evaluated


def attach_translation(obj, translation) -> None:
    """Give a parler object a translation fetched elsewhere, and switch it to that language."""
    obj._translations_cache[type(translation)][translation.language_code] = translation
    obj.set_current_language(translation.language_code)
