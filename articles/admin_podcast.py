"""
"Podcast episode" in the article admin: the audio file of an article that is an episode,
its numbers, explicit flag and guests, through articles.services_podcast.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from core.audio import ACCEPT
from experts.models import Expert

from . import policy, services, services_podcast
from .admin_screens import ArticleScreenMixin
from .models import Episode


class EpisodeForm(forms.Form):
    audio = forms.FileField(
        label=gettext_lazy("Audio file"),
        required=False,
        help_text=gettext_lazy("An MP3 or M4A (AAC) file of at most %(limit)s MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    episode_number = forms.IntegerField(label=gettext_lazy("Episode number"), min_value=1)
    season_number = forms.IntegerField(
        label=gettext_lazy("Season number"), min_value=1, required=False
    )
    explicit = forms.BooleanField(
        label=gettext_lazy("Explicit"),
        required=False,
        help_text=gettext_lazy("Podcast directories label it so."),
    )
    guests = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Guests from the institute"),
        queryset=Expert.objects.none(),
        required=False,
    )
    outside_guests = forms.CharField(
        label=gettext_lazy("Other guests"),
        max_length=500,
        required=False,
        help_text=gettext_lazy(
            "Names of guests who are not experts of the institute, separated by commas."
        ),
    )

    def __init__(self, *args, limit, has_audio, **kwargs):
        super().__init__(*args, **kwargs)
        audio = self.fields["audio"]
        audio.help_text = audio.help_text % {"limit": limit}
        if has_audio:
            audio.help_text += " " + _("Leave it empty to keep the current file.")
        self.fields["guests"].queryset = Expert.objects.with_fallback_translation(
            get_language()
        ).order_by("slug")


class PodcastAdminMixin(ArticleScreenMixin):
    def get_urls(self):
        return [
            path(
                "<path:object_id>/episode/",
                self.admin_site.admin_view(self.episode_view),
                name="articles_article_episode",
            ),
            *super().get_urls(),
        ]

    def episode_view(self, request, object_id):
        """Show an article's episode; those who may change its shared fields change it."""
        article = self._article(request, object_id)
        episode = Episode.objects.filter(article=article).first()
        may_edit = policy.can_edit_shared(request.user, article)
        here = reverse("admin:articles_article_episode", args=[article.pk])
        options = {"limit": settings.PODCAST_AUDIO_MAX_MB, "has_audio": episode is not None}
        initial = {}
        if episode is not None:
            initial = {
                "episode_number": episode.episode_number,
                "season_number": episode.season_number,
                "explicit": episode.explicit,
                "guests": list(episode.guests.all()),
                "outside_guests": episode.outside_guests,
            }
        form = EpisodeForm(initial=initial, **options)
        if request.method == "POST":
            if not may_edit:
                raise PermissionDenied
            form = EpisodeForm(request.POST, request.FILES, **options)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    services_podcast.episode_save(
                        article=article,
                        user=request.user,
                        audio=data["audio"] or None,
                        episode_number=data["episode_number"],
                        season_number=data["season_number"],
                        explicit=data["explicit"],
                        guests=data["guests"],
                        outside_guests=data["outside_guests"],
                    )
                except forms.ValidationError as error:
                    form.add_error("audio", error)
                except services.WorkflowError as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(request, _("The podcast episode was saved."))
                    return HttpResponseRedirect(here)
        context = self._context(
            request, article, _("Podcast episode"), episode=episode, may_edit=may_edit, form=form
        )
        return TemplateResponse(request, "admin/articles/article/episode.html", context)
