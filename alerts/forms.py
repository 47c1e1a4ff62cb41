"""The subscribe and preferences forms, with the choices named in the page's language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core import i18n
from experts.models import Expert
from taxonomy.models import ArticleType, Region, Topic

from .models import Frequency, Subscription

#: The query parameters of a "Follow" link (?topic=3&expert=5): kind per parameter.
FOLLOW_PARAMETERS = {"topic": "topic", "region": "region", "expert": "expert", "type": "type"}
MAX_PER_KIND = 50


class Malformed(Exception):
    """A query string that is not a list of ids."""


def is_id(value: str) -> bool:
    """A database id: ASCII digits, small enough for a 64-bit column."""
    return value.isascii() and value.isdigit() and len(value) < 19


def followed_in(query) -> dict[str, list[int]]:
    """Read the ids a "Follow" link names (?topic=3&region=2&everything=1); raise Malformed."""
    found: dict[str, list[int]] = {}
    for parameter, kind in FOLLOW_PARAMETERS.items():
        values = query.getlist(parameter)
        if len(values) > MAX_PER_KIND or not all(is_id(v) for v in values):
            raise Malformed(parameter)
        found[kind] = [int(v) for v in values]
    return found


def _terms(model, language, ids=None):
    terms = model.objects.with_translation(language)
    if model is Region:
        terms = terms.order_by("parent__position", "parent_id", "position", "pk")
    elif model is Expert:
        terms = terms.filter(pk__in=ids or []).order_by("sort_name")
    else:
        terms = terms.order_by("position", "pk")
    return [(str(term.pk), term.name) for term in terms]


class ChoicesForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the emails"), choices=i18n.language_choices)
    languages = forms.MultipleChoiceField(
        label=_("Pieces in"),
        choices=i18n.language_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language.")},
    )
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Frequency.choices, widget=forms.RadioSelect
    )


class SubscribeForm(ChoicesForm):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    everything = forms.BooleanField(label=_("Everything we publish"), required=False)
    topic = forms.MultipleChoiceField(
        label=_("Topics"), required=False, widget=forms.CheckboxSelectMultiple
    )
    region = forms.MultipleChoiceField(
        label=_("Regions & Countries"), required=False, widget=forms.CheckboxSelectMultiple
    )
    type = forms.MultipleChoiceField(
        label=_("Content types"), required=False, widget=forms.CheckboxSelectMultiple
    )
    expert = forms.MultipleChoiceField(
        label=_("Experts"), required=False, widget=forms.CheckboxSelectMultiple
    )

    field_order = ["email", "everything", "topic", "region", "type", "expert"]

    def __init__(self, *args, language: str, experts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = _terms(Topic, language)
        self.fields["region"].choices = _terms(Region, language)
        self.fields["type"].choices = _terms(ArticleType, language)
        self.fields["expert"].choices = _terms(Expert, language, experts)
        if not self.fields["expert"].choices:
            del self.fields["expert"]

    def clean(self):
        data = super().clean()
        if not data.get("everything") and not any(
            data.get(kind) for kind in FOLLOW_PARAMETERS.values()
        ):
            raise forms.ValidationError(
                _("Choose what to follow: everything, or at least one item.")
            )
        return data

    def choices(self) -> list[tuple[str, int]]:
        """The (kind, id) pairs chosen, everything first."""
        data = self.cleaned_data
        chosen = [(Subscription.Kind.EVERYTHING.value, 0)] if data.get("everything") else []
        for kind in FOLLOW_PARAMETERS.values():
            chosen += [(kind, int(pk)) for pk in data.get(kind, ())]
        return chosen


class PreferencesForm(ChoicesForm):
    removed = forms.MultipleChoiceField(
        label=_("Stop following"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, subscriber, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "language": subscriber.language,
                "languages": subscriber.language_list,
                "frequency": subscriber.frequency,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["removed"].choices = [
            (str(s.pk), str(s)) for s in subscriber.subscriptions.all()
        ]
