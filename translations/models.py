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


def namespace_taken(pairs) -> set[tuple[str, str]]:
    """Return those of the (language, slug) pairs already used under /policy-analysis/."""
    by_language: dict[str, set[str]] = {}
    for language, slug in pairs:
        by_language.setdefault(language, set()).add(slug)
    if not by_language:
        return set()
    wanted = Q()
    for language, slugs in by_language.items():
        wanted |= Q(language_code=language, slug__in=sorted(slugs))
    taken = set()
    for label in POLICY_ANALYSIS_NAMESPACE:
        rows = apps.get_model(label).objects.filter(wanted).values_list("language_code", "slug")
        taken.update(rows)
    return taken


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

    ALIAS, FALLBACK_ALIAS = "_tr", "_fb"

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
        qs = self._join_translations({self.ALIAS: language}).filter(
            Q(**{f"{self.ALIAS}__isnull": False}) & (where or Q())
        )
        return qs.language(language)

    def with_fallback_translation(self, language: str):
        """
        Return every object, each with its translation in language attached, or else
        the one in the site's language, or else any (fallback_order): what a page names
        its authors, type and terms with, so none vanishes for being untranslated.
        `obj.get_current_language()` says which one each object got.
        """
        joins = {self.ALIAS: language}
        if language != settings.LANGUAGE_CODE:
            joins[self.FALLBACK_ALIAS] = settings.LANGUAGE_CODE
        return self._join_translations(joins).language(language)

    def _join_translations(self, joins: dict[str, str]):
        """Join the translation in each language of joins ({alias: language}), every field."""
        translation_model = self.model._parler_meta.root_model
        # Every field: parler reads them all when it builds a translation, so a
        # deferred one would cost a query per object.
        names = [f.attname for f in translation_model._meta.concrete_fields if f.name != "master"]
        relations = {
            alias: FilteredRelation(
                "translations", condition=Q(translations__language_code=language)
            )
            for alias, language in joins.items()
        }
        columns = {f"{alias}_{name}": F(f"{alias}__{name}") for alias in joins for name in names}
        qs = self.annotate(**relations).annotate(**columns)
        qs._inline_translation = tuple(joins)
        return qs

    @classmethod
    def as_manager(cls):
        manager = TranslatedManager.from_queryset(cls)()
        manager._built_with_as_manager = True
        return manager

    as_manager.queryset_only = True

    def _fetch_all(self):
        if self._result_cache is not None:
            # Django calls this again on every len()/iter(); parler's would switch each
            # object back to the queryset's language, undoing a fallback translation's.
            models.QuerySet._fetch_all(self)
            return
        super()._fetch_all()
        aliases = getattr(self, "_inline_translation", None)
        results = self._result_cache
        if not (aliases and results and isinstance(results[0], models.Model)):
            return
        attach_inline_translations(results, self.model, self.db, aliases)


def attach_inline_translations(objects, model, db, aliases=(TranslatedQuerySet.ALIAS,)) -> None:
    """
    Hand each object the translation that with_translation selected in its row: the
    first of aliases that joined one (with_fallback_translation joins two). An object
    that joined none gets its best other translation, fetched for all such at once.
    """
    translation_model = model._parler_meta.root_model
    fields = [f.attname for f in translation_model._meta.concrete_fields]
    unmatched = []
    for obj in objects:
        row = obj.__dict__
        found = None
        for alias in aliases:
            values = [
                obj.pk if name == "master_id" else row.pop(f"{alias}_{name}") for name in fields
            ]
            if found is None and values[fields.index("id")] is not None:
                found = translation_model.from_db(db, fields, values)
        if found is not None:
            attach_translation(obj, found)
        else:
            unmatched.append(obj)
    if unmatched:
        _attach_best_translations(unmatched, translation_model, db)


def fallback_order(language: str, source: str | None = None) -> list[str]:
    """
    Return the languages to name something in on a page in language: that language,
    then the source language (if given), then the site's, then the others in order.
    """
    order = [language, source or settings.LANGUAGE_CODE, settings.LANGUAGE_CODE]
    order += [code for code, _name in settings.LANGUAGES]
    return list(dict.fromkeys(order))


def _attach_best_translations(objects, translation_model, db) -> None:
    by_master: dict = {}
    for translation in translation_model.objects.using(db).filter(
        master_id__in=[obj.pk for obj in objects]
    ):
        by_master.setdefault(translation.master_id, {})[translation.language_code] = translation
    for obj in objects:
        found = by_master.get(obj.pk, {})
        best = next(
            (found[c] for c in fallback_order(obj.get_current_language()) if c in found), None
        )
        if best is not None:
            attach_translation(obj, best)


# (model, method, language, database) -> the unfiltered queryset of method(language).
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
        return self._base("with_translation", language)

    def with_fallback_translation(self, language: str):
        return self._base("with_fallback_translation", language)

    def _base(self, method: str, language: str):
        key = (self.model, method, language, self._db)
        base = _TRANSLATED_BASES.get(key)
        if base is None:
            base = _TRANSLATED_BASES[key] = getattr(self.get_queryset(), method)(language)
        return base.all()  # a clone: the base itself is never evaluated


def attach_translation(obj, translation) -> None:
    """Give a parler object a translation fetched elsewhere, and switch it to that language."""
    obj._translations_cache[type(translation)][translation.language_code] = translation
    obj.set_current_language(translation.language_code)
