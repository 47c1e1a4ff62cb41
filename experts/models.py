"""The institute's experts: the authors of its work."""

from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import models
from django.utils.translation import gettext_lazy as _
from parler.fields import TranslationsForeignKey
from parler.models import TranslatableModel, TranslatedFieldsModel

from core.html import safe_url
from core.i18n import url_in
from core.images import WholeImageField
from core.slugs import slugify_title, unique_slug
from translations.models import MadeFromText, SourceVersioned, TranslatedQuerySet

WEB_SCHEMES = ("http", "https")
validate_web_address = URLValidator(
    schemes=WEB_SCHEMES, message=_("Enter a web address that starts with https:// or http://.")
)
# RFC 6068: in a mailto: address, "?", "#", "%", "&" and the like must be percent-encoded,
# or "a?cc=someone@example.org" (a valid address) would add a recipient.
MAILTO_SAFE = "@!$'()*+,;:~-._"


def validate_link_address(value: str) -> None:
    """
    Refuse an address that is neither a web address nor an email address as a browser
    reads it: javascript:, data:, vbscript: and every other scheme, in any case and
    behind any control characters. Runs wherever the model is validated (admin, services).
    """
    if not safe_url(value, WEB_SCHEMES):
        raise ValidationError(
            _(
                "Only a web address starting with https:// or http://, or an email "
                "address, can be linked."
            ),
            code="unsafe_url",
        )


class Expert(SourceVersioned, TranslatableModel):
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Part of the address /experts/<slug>. Leave blank to make one from the name."),
    )
    sort_name = models.CharField(
        _("sort name"),
        max_length=200,
        blank=True,
        help_text=_("How the name sorts in lists, e.g. “Eisenstadt, Michael”."),
    )
    is_current = models.BooleanField(
        _("current"), default=True, help_text=_("Untick for former experts.")
    )
    photo = WholeImageField(_("photo"), upload_to="experts/", blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = TranslatedQuerySet.as_manager()

    source_fields = ("name", "role", "short_bio", "full_bio")

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["sort_name", "id"]

    def __str__(self):
        return self.safe_translation_getter("name", any_language=True) or self.slug

    def get_absolute_url(self):
        return url_in(self.get_current_language(), "experts:detail", slug=self.slug)

    def save(self, *args, **kwargs):
        name = self.safe_translation_getter(
            "name", language_code="en"
        ) or self.safe_translation_getter("name", any_language=True)
        if not self.slug:
            base = slugify_title(name or "expert")
            self.slug = unique_slug(
                base, lambda s: Expert.objects.filter(slug=s).exclude(pk=self.pk).exists()
            )
        if not self.sort_name and name:
            # "Michael Eisenstadt" sorts as "Eisenstadt, Michael".
            first, _sep, last = name.rpartition(" ")
            self.sort_name = f"{last}, {first}" if first else last
        super().save(*args, **kwargs)


class ExpertTranslation(MadeFromText, TranslatedFieldsModel):
    master = TranslationsForeignKey(
        Expert, related_name="translations", on_delete=models.CASCADE, null=True
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(
        _("role"),
        max_length=300,
        blank=True,
        help_text=_("Title or position, e.g. “Senior Fellow”."),
    )
    short_bio = models.TextField(
        _("short bio"), blank=True, help_text=_("One or two sentences, shown under articles.")
    )
    full_bio = models.TextField(_("full bio"), blank=True, help_text=_("Shown on the expert page."))
    photo_alt = models.CharField(
        _("photo description"),
        max_length=300,
        blank=True,
        help_text=_("Alternative text for the photo, for readers who cannot see it."),
    )

    class Meta:
        verbose_name = _("expert translation")
        unique_together = [("language_code", "master")]


class ExpertLink(models.Model):
    """A link from an expert page: their website, social profiles, email."""

    class Kind(models.TextChoices):
        WEBSITE = "website", _("Website")
        X = "x", _("X (Twitter)")
        LINKEDIN = "linkedin", _("LinkedIn")
        EMAIL = "email", _("Email")
        OTHER = "other", _("Other")

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.WEBSITE)
    url = models.CharField(
        _("address"),
        max_length=500,
        validators=[validate_link_address],
        help_text=_("A web address, or an email address for Email."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.url}"

    def clean(self):
        super().clean()
        if not safe_url(self.url, WEB_SCHEMES):
            return  # validate_link_address has said why; a second message would repeat it.
        validator = validate_email if self.kind == self.Kind.EMAIL else validate_web_address
        try:
            validator(self.url)
        except ValidationError as error:
            raise ValidationError({"url": error.messages}) from None

    @property
    def href(self) -> str:
        """
        Return the address to link to, or "" when it is not one to link (render no link).

        Checked again here, not only on save: a row written past validation (an old row,
        a bulk update) must render inert.
        """
        if self.kind == self.Kind.EMAIL:
            try:
                validate_email(self.url)
            except ValidationError:
                return ""
            return "mailto:" + quote(self.url, safe=MAILTO_SAFE)
        return safe_url(self.url, WEB_SCHEMES, relative=False)
