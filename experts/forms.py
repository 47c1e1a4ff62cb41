"""The expert change form: rich-text bios in the language's direction, photo alt text."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from parler.forms import TranslatableModelForm

from core.forms import RichTextField
from core.i18n import direction_of
from translations.concurrency import EditVersionFormMixin

from .models import Expert


class ExpertAdminForm(EditVersionFormMixin, TranslatableModelForm):
    short_bio = RichTextField(
        label=capfirst(_("short bio")),
        required=False,
        help_text=_("One or two sentences, shown under articles."),
    )
    full_bio = RichTextField(
        label=capfirst(_("full bio")), required=False, help_text=_("Shown on the expert page.")
    )

    class Meta:
        model = Expert
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        direction = direction_of(self.language_code)
        for name in ("name", "role", "short_bio", "full_bio", "photo_alt"):
            if name in self.fields:
                self.fields[name].widget.attrs.update(dir=direction, lang=self.language_code)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photo") and not (cleaned.get("photo_alt") or "").strip():
            self.add_error(
                "photo_alt", _("Describe the photo for readers who cannot see it (alt text).")
            )
        return cleaned
