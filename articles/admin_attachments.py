"""
"Attachments" in the article admin: the PDFs of one language version, a form to add one
and a button to remove each, through articles.services_attachments.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import i18n

from . import policy, services, services_attachments
from .admin_screens import ArticleScreenMixin
from .models import Attachment

REMOVE_KEY = "_remove"


class AttachmentForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=300,
        help_text=gettext_lazy("What readers see as the link, in this language."),
    )
    file = forms.FileField(
        label=gettext_lazy("PDF file"),
        help_text=gettext_lazy("A PDF, not encrypted, of at most %(limit)s MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, limit, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.fields["file"].help_text % {"limit": limit}
        self.fields["title"].widget.attrs.update(dir=i18n.direction_of(language), lang=language)


class AttachmentsAdminMixin(ArticleScreenMixin):
    def get_urls(self):
        return [
            path(
                "<path:object_id>/attachments/<str:language>/",
                self.admin_site.admin_view(self.attachments_view),
                name="articles_article_attachments",
            ),
            *super().get_urls(),
        ]

    def attachments_view(self, request, object_id, language):
        """List a language version's attachments; those who may edit it add and remove."""
        article = self._article(request, object_id)
        translation = self._translation(article, language)
        may_edit = policy.can_edit_translation(request.user, article, language)
        here = reverse("admin:articles_article_attachments", args=[article.pk, language])
        limit = settings.ATTACHMENT_MAX_MB
        form = AttachmentForm(limit=limit, language=language)
        if request.method == "POST":
            if not may_edit:
                raise PermissionDenied
            try:
                if REMOVE_KEY in request.POST:
                    attachment = Attachment.objects.filter(
                        pk=request.POST[REMOVE_KEY] if request.POST[REMOVE_KEY].isdigit() else 0,
                        article=article,
                        language_code=language,
                    ).first()
                    if attachment is None:
                        messages.error(request, _("That attachment is not there any more."))
                        return HttpResponseRedirect(here)
                    services_attachments.attachment_remove(attachment=attachment, user=request.user)
                    messages.success(
                        request, _("“%(title)s” was removed.") % {"title": attachment.title}
                    )
                    return HttpResponseRedirect(here)
                form = AttachmentForm(request.POST, request.FILES, limit=limit, language=language)
                if form.is_valid():
                    attachment = services_attachments.attachment_add(
                        article=article,
                        language=language,
                        user=request.user,
                        file=form.cleaned_data["file"],
                        title=form.cleaned_data["title"],
                    )
                    messages.success(
                        request, _("“%(title)s” was attached.") % {"title": attachment.title}
                    )
                    return HttpResponseRedirect(here)
            except forms.ValidationError as error:
                form.add_error("file", error)
            except services.WorkflowError as error:
                form.add_error(None, str(error))
        title = _("Attachments of the %(language)s version")
        context = self._context(
            request,
            article,
            title % {"language": i18n.language_name(language)},
            subtitle=translation.title,
            language=language,
            direction=i18n.direction_of(language),
            attachments=list(Attachment.objects.shown(article.pk, language)),
            may_edit=may_edit,
            form=form,
            remove_key=REMOVE_KEY,
        )
        return TemplateResponse(request, "admin/articles/article/attachments.html", context)
