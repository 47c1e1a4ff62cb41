"""The term change form: the name and description in the direction of their language."""

from parler.forms import TranslatableModelForm

from core.i18n import direction_of
from translations.concurrency import EditVersionFormMixin


class TermAdminForm(EditVersionFormMixin, TranslatableModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "description"):
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    dir=direction_of(self.language_code), lang=self.language_code
                )
