"""
The subscribe page, the confirmation, the preferences page and the one-click unsubscribe.

None of them is cached (they carry forms or signed links). Nothing says whether an
address is subscribed: a request is answered the same way either way and a confirmation
link is mailed either way. Bad input gets a 400 page that says what was wrong.
"""

import json

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from core.i18n import url_in
from core.tasks import enqueue

from . import ratelimit
from .forms import (
    FOLLOW_PARAMETERS,
    MAX_PER_KIND,
    Malformed,
    PreferencesForm,
    SubscribeForm,
    followed_in,
    is_id,
)
from .services import (
    Refused,
    normalize_email,
    preferences_update,
    subscriber_confirm,
    subscriber_delete,
    subscriber_export,
    subscriber_unsubscribe,
)
from .tasks import confirmation_send
from .tokens import BadToken, confirm_request, confirm_token, subscriber_from, subscriber_token


def problem(request, message: str, status: int = 400):
    """A page that says plainly what is wrong with the request."""
    return render(request, "alerts/problem.html", {"message": message}, status=status)


def bad_link(request, error: BadToken):
    if error.expired:
        return problem(request, _("This link has expired. Please subscribe again."))
    return problem(request, _("This link is not valid. Check that it was copied whole."))


@method_decorator(never_cache, name="dispatch")
class SubscribeView(View):
    template_name = "alerts/subscribe.html"

    def get(self, request):
        try:
            followed = followed_in(request.GET)
        except Malformed:
            return problem(request, _("The address names something to follow that is not an id."))
        language = get_language()
        initial = {
            "language": language,
            "languages": [language],
            "frequency": "instant",
            "everything": request.GET.get("everything") == "1",
            **{kind: [str(pk) for pk in ids] for kind, ids in followed.items()},
        }
        form = SubscribeForm(initial=initial, language=language, experts=followed["expert"])
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        experts = request.POST.getlist("expert")
        if len(experts) > MAX_PER_KIND or not all(is_id(e) for e in experts):
            return problem(request, _("The form names something to follow that is not an id."))
        form = SubscribeForm(
            request.POST, language=get_language(), experts=[int(e) for e in experts]
        )
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        if not ratelimit.client_allowed(request):
            return problem(
                request,
                _("Too many subscription requests from your network. Please try again in an hour."),
                status=429,
            )
        email = normalize_email(form.cleaned_data["email"])
        # Over the address's limit the answer is the same, only no mail goes out.
        if ratelimit.address_allowed(email):
            token = confirm_token(
                {
                    "email": email,
                    "language": form.cleaned_data["language"],
                    "languages": form.cleaned_data["languages"],
                    "frequency": form.cleaned_data["frequency"],
                    "choices": form.choices(),
                }
            )
            enqueue(confirmation_send, email=email, language=get_language(), token=token)
        return render(request, "alerts/check_inbox.html", {"email": email})


@method_decorator(never_cache, name="dispatch")
@method_decorator(csrf_exempt, name="dispatch")  # the signed link is the authority
class ConfirmView(View):
    """GET shows what will be confirmed (mail scanners follow links), POST confirms."""

    def get(self, request, token):
        try:
            wanted = confirm_request(token)
        except BadToken as error:
            return bad_link(request, error)
        return render(request, "alerts/confirm.html", {"wanted": wanted})

    def post(self, request, token):
        try:
            subscriber = subscriber_confirm(request=confirm_request(token))
        except BadToken as error:
            return bad_link(request, error)
        except (Refused, KeyError, TypeError, ValueError):
            return problem(request, _("This link can no longer be used. Please subscribe again."))
        preferences = subscriber_token(subscriber, "preferences")
        return redirect(
            url_in(get_language(), "alerts:preferences", token=preferences) + "?confirmed=1"
        )


@method_decorator(never_cache, name="dispatch")
class PreferencesView(View):
    template_name = "alerts/preferences.html"

    def dispatch(self, request, token):
        try:
            self.subscriber = subscriber_from(token, "preferences")
        except BadToken as error:
            return bad_link(request, error)
        self.token = token
        return super().dispatch(request, token)

    def context(self, form):
        subscriber = self.subscriber
        return {
            "form": form,
            "subscriber": subscriber,
            "token": self.token,
            "sends": subscriber.sends.count(),
            "confirmed": self.request.GET.get("confirmed") == "1",
            "saved": self.request.GET.get("saved") == "1",
            "follow_kinds": FOLLOW_PARAMETERS,
        }

    def get(self, request, token):
        return render(request, self.template_name, self.context(self.form()))

    def form(self, data=None):
        subscriptions = self.subscriber.subscriptions.select_related(
            "topic", "region", "expert", "article_type"
        )
        self.subscriber._prefetched_objects_cache = {"subscriptions": subscriptions}
        return PreferencesForm(data, subscriber=self.subscriber)

    def post(self, request, token):
        action = request.POST.get("action", "save")
        if action == "unsubscribe":
            subscriber_unsubscribe(subscriber=self.subscriber)
            return render(request, "alerts/unsubscribed.html", {"token": token})
        if action == "delete":
            subscriber_delete(subscriber=self.subscriber)
            return render(request, "alerts/deleted.html")
        form = self.form(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, self.context(form), status=400)
        preferences_update(
            subscriber=self.subscriber,
            language=form.cleaned_data["language"],
            languages=form.cleaned_data["languages"],
            frequency=form.cleaned_data["frequency"],
            removed=[int(pk) for pk in form.cleaned_data["removed"]],
        )
        return redirect(url_in(get_language(), "alerts:preferences", token=token) + "?saved=1")


@never_cache
def export(request, token):
    """The subscriber's data, as a JSON download."""
    try:
        subscriber = subscriber_from(token, "preferences")
    except BadToken as error:
        return bad_link(request, error)
    body = json.dumps(subscriber_export(subscriber), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="alerts-data.json"'
    return response


@method_decorator(never_cache, name="dispatch")
@method_decorator(csrf_exempt, name="dispatch")  # RFC 8058: a POST from the mail client
class UnsubscribeView(View):
    """GET asks (a link followed by a scanner must not unsubscribe); POST unsubscribes."""

    def dispatch(self, request, token):
        try:
            self.subscriber = subscriber_from(token, "unsubscribe")
        except BadToken as error:
            return bad_link(request, error)
        return super().dispatch(request, token)

    def get(self, request, token):
        return render(request, "alerts/unsubscribe.html", {"email": self.subscriber.email})

    def post(self, request, token):
        subscriber_unsubscribe(subscriber=self.subscriber)
        preferences = subscriber_token(self.subscriber, "preferences")
        return render(request, "alerts/unsubscribed.html", {"token": preferences})
