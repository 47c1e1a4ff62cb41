"""
"Event" in the article admin: the times, time zone, attendance, place (per language),
links and speakers of an article that is an event, through articles.services_events.

Times are typed as the clocks at the event show them: the form reads them in the event's
time zone, and refuses one the clocks skip there (a daylight-saving change).
"""

import datetime as dt
import zoneinfo

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from core import i18n
from experts.models import Expert

from . import policy, services, services_events
from .admin_screens import ArticleScreenMixin
from .models import Event
from .models_events import validate_time_zone

PLACE_FIELDS = {
    "venue": gettext_lazy("Venue (%(language)s)"),
    "address": gettext_lazy("Street address (%(language)s)"),
    "city": gettext_lazy("City (%(language)s)"),
}
WALL_CLOCK = "%Y-%m-%dT%H:%M"


class WallClockField(forms.DateTimeField):
    """A date and time as a clock shows it, without a zone: the form applies the event's."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=WALL_CLOCK)

    def to_python(self, value):
        with timezone.override(dt.UTC):  # no zone of its own can refuse the time here
            moment = super().to_python(value)
        return moment.replace(tzinfo=None) if moment else moment


def in_zone(wall_clock: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.datetime | None:
    """Return the wall-clock time as an aware time in zone; None if the clocks skip it."""
    moment = wall_clock.replace(tzinfo=zone)
    if moment.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != wall_clock:
        return None
    return moment


class EventForm(forms.Form):
    starts = WallClockField(label=gettext_lazy("Starts"))
    ends = WallClockField(label=gettext_lazy("Ends"))
    time_zone = forms.CharField(
        label=gettext_lazy("Time zone"),
        max_length=64,
        validators=[validate_time_zone],
        help_text=gettext_lazy(
            "Where the event takes place, as an IANA name: Europe/Berlin, Asia/Tehran. "
            "The times above are read in it."
        ),
    )
    mode = forms.ChoiceField(label=gettext_lazy("Attendance"), choices=Event.Mode.choices)
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=Event.Status.choices)
    country = forms.RegexField(
        label=gettext_lazy("Country code"),
        regex=r"^[A-Za-z]{2}$",
        required=False,
        error_messages={"invalid": gettext_lazy("Two letters, such as DE or IR.")},
        help_text=gettext_lazy("Where it takes place in person: the two-letter ISO code."),
    )
    registration_url = forms.URLField(
        label=gettext_lazy("Registration link"), required=False, assume_scheme="https"
    )
    online_url = forms.URLField(
        label=gettext_lazy("Online link"),
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("Where to watch or join online."),
    )
    recording_url = forms.URLField(
        label=gettext_lazy("Recording link"),
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("The video or audio of the event, once there is one."),
    )
    speakers = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Speakers from the institute"),
        queryset=Expert.objects.none(),
        required=False,
    )
    outside_speakers = forms.CharField(
        label=gettext_lazy("Other speakers"),
        max_length=500,
        required=False,
        help_text=gettext_lazy(
            "Names of speakers who are not experts of the institute, separated by commas."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speakers"].queryset = Expert.objects.with_fallback_translation(
            get_language()
        ).order_by("slug")
        for code in i18n.language_codes():
            for name, label in PLACE_FIELDS.items():
                self.fields[f"{name}_{code}"] = forms.CharField(
                    label=label % {"language": i18n.language_name(code)},
                    max_length=300 if name != "city" else 200,
                    required=False,
                    widget=forms.TextInput(attrs={"lang": code, "dir": "auto"}),
                )
        # The place, language by language, after the attendance it depends on.
        places = [f"{name}_{code}" for code in i18n.language_codes() for name in PLACE_FIELDS]
        self.order_fields(["starts", "ends", "time_zone", "status", "mode", *places, "country"])

    def clean(self):
        data = super().clean()
        if "time_zone" not in data:
            return data
        zone = zoneinfo.ZoneInfo(data["time_zone"])
        for name in ("starts", "ends"):
            if data.get(name) is None:
                continue
            moment = in_zone(data[name], zone)
            if moment is None:
                self.add_error(
                    name,
                    _("The clocks skip this time in %(zone)s (a daylight-saving change).")
                    % {"zone": data["time_zone"]},
                )
            data[f"{name}_at"] = moment
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends", _("The event cannot end before it starts."))
        return data

    def places(self) -> dict:
        data = self.cleaned_data
        return {
            code: services_events.Place(
                **{name: data.get(f"{name}_{code}", "").strip() for name in PLACE_FIELDS}
            )
            for code in i18n.language_codes()
        }


#: The event's own fields the form shows and the service takes as they are.
EVENT_FIELDS = ("time_zone", "mode", "status", "country", "registration_url", "online_url",
                "recording_url", "outside_speakers")  # fmt: skip


def initial_of(event: Event | None) -> dict:
    """The form's values for an event as saved (times on the clocks of its zone)."""
    if event is None:
        return {"time_zone": timezone.get_default_timezone_name(), "mode": Event.Mode.IN_PERSON}
    zone = event.zone
    initial = {
        "starts": event.starts_at.astimezone(zone).replace(tzinfo=None),
        "ends": event.ends_at.astimezone(zone).replace(tzinfo=None),
        "speakers": list(event.speakers.all()),
        **{name: getattr(event, name) for name in EVENT_FIELDS},
    }
    for place in event.translations.all():
        for name in PLACE_FIELDS:
            initial[f"{name}_{place.language_code}"] = getattr(place, name)
    return initial


class EventsAdminMixin(ArticleScreenMixin):
    def get_urls(self):
        return [
            path(
                "<path:object_id>/event/",
                self.admin_site.admin_view(self.event_view),
                name="articles_article_event",
            ),
            *super().get_urls(),
        ]

    def event_view(self, request, object_id):
        """Show an article's event; those who may change its shared fields change it."""
        article = self._article(request, object_id)
        event = Event.objects.filter(article=article).first()
        may_edit = policy.can_edit_shared(request.user, article)
        form = EventForm(initial=initial_of(event))
        if request.method == "POST":
            if not may_edit:
                raise PermissionDenied
            form = EventForm(request.POST)
            if form.is_valid() and self._save(request, article, form):
                messages.success(request, _("The event was saved."))
                return HttpResponseRedirect(
                    reverse("admin:articles_article_event", args=[article.pk])
                )
        context = self._context(
            request, article, _("Event"), event=event, may_edit=may_edit, form=form
        )
        return TemplateResponse(request, "admin/articles/article/event.html", context)

    def _save(self, request, article, form) -> bool:
        data = form.cleaned_data
        try:
            services_events.event_save(
                article=article,
                user=request.user,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                places=form.places(),
                speakers=data["speakers"],
                **{name: data[name] for name in EVENT_FIELDS},
            )
        except forms.ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    field = {"starts_at": "starts", "ends_at": "ends"}.get(field, field)
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
            return False
        except services.WorkflowError as error:
            form.add_error(None, str(error))
            return False
        return True
