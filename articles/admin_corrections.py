"""
"Add a correction" in the article admin: the corrections of one language version, and a
form that appends another through services_corrections.correction_append (editors only).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import i18n
from core.forms import RichTextField, nonced_media

from . import services, services_corrections
from .admin_screens import ArticleScreenMixin
from .models import Correction, State


class CorrectionForm(forms.Form):
    text = RichTextField(
        label=gettext_lazy("Text of the correction"),
        help_text=gettext_lazy(
            "What was wrong and what is right, as readers will read it at the end of the "
            "piece. It is dated now and cannot be changed or deleted later, only amended."
        ),
    )
    amends = forms.ModelChoiceField(
        label=gettext_lazy("Amends"),
        queryset=Correction.objects.none(),
        required=False,
        empty_label=gettext_lazy("Nothing: a new correction"),
        help_text=gettext_lazy("To correct an earlier correction, choose it here."),
    )

    def __init__(self, *args, earlier, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amends"].queryset = earlier
        self.fields["text"].widget.attrs.update(dir=i18n.direction_of(language), lang=language)


class CorrectionsAdminMixin(ArticleScreenMixin):
    def get_urls(self):
        return [
            path(
                "<path:object_id>/corrections/<str:language>/",
                self.admin_site.admin_view(self.corrections_view),
                name="articles_article_corrections",
            ),
            *super().get_urls(),
        ]

    def corrections_view(self, request, object_id, language):
        """List a language version's corrections; editors append one."""
        article = self._article(request, object_id)
        if not services_corrections.can_correct(request.user):
            raise PermissionDenied
        translation = self._translation(article, language)
        earlier = Correction.objects.shown(article.pk, language)
        form = CorrectionForm(request.POST or None, earlier=earlier, language=language)
        if request.method == "POST" and form.is_valid():
            try:
                services_corrections.correction_append(
                    article=article,
                    language=language,
                    user=request.user,
                    text=form.cleaned_data["text"],
                    amends=form.cleaned_data["amends"],
                )
            except services.WorkflowError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("The correction was appended to the %(language)s version.")
                    % {"language": i18n.language_name(language)},
                )
                url = reverse("admin:articles_article_corrections", args=[article.pk, language])
                return HttpResponseRedirect(url)
        title = _("Corrections of the %(language)s version")
        context = self._context(
            request,
            article,
            title % {"language": i18n.language_name(language)},
            subtitle=translation.title,
            language=language,
            direction=i18n.direction_of(language),
            published=translation.state == State.PUBLISHED,
            corrections=list(earlier.select_related("created_by")),
            form=form,
            media=nonced_media(request, self.media + form.media),
        )
        return TemplateResponse(request, "admin/articles/article/corrections.html", context)
