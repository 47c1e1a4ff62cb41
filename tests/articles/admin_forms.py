"""Build the POST a browser would send from an admin change form, as a test client would."""

from django import forms
from django.urls import reverse


def change_url(article, language="en"):
    return reverse("admin:articles_article_change", args=[article.pk]) + f"?language={language}"


def _put(data, prefix_name, field, value):
    if isinstance(field, forms.FileField):
        return
    if isinstance(field.widget, forms.MultiWidget):
        if isinstance(value, list):  # A bound form's value: already in parts.
            parts = value
        else:
            parts = field.widget.decompress(value) if value else [None] * len(field.widget.widgets)
        for n, part in enumerate(parts):
            data[f"{prefix_name}_{n}"] = "" if part is None else str(part)
    elif isinstance(field, forms.ModelMultipleChoiceField):
        data[prefix_name] = [str(getattr(v, "pk", v)) for v in value or []]
    elif isinstance(field, forms.BooleanField):
        if value:
            data[prefix_name] = "on"
    else:
        data[prefix_name] = "" if value is None else str(getattr(value, "pk", value))


def form_data(response, *, include_disabled=False) -> dict:
    """Return the POST data of the change form in response, as a browser would submit it."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        if field.disabled and not include_disabled:
            continue
        _put(data, form.add_prefix(name), field, form[name].value())
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for sub in formset.forms:
            for name, field in sub.fields.items():
                if field.disabled and not include_disabled:
                    continue
                _put(data, sub.add_prefix(name), field, sub[name].value())
    return data


def open_form(client, article, language="en", **kwargs):
    response = client.get(change_url(article, language))
    assert response.status_code == 200
    return form_data(response, **kwargs)


def translate_url(obj, language):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_translate", args=[obj.pk, language])


def translation_data(response) -> dict:
    """Return the POST data of the side-by-side view's form in response, as a browser sends it."""
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        if not field.disabled:
            _put(data, form.add_prefix(name), field, form[name].value())
    return data


def open_translation(client, obj, language) -> dict:
    """GET the side-by-side view; return the POST data of its form, as a browser would send."""
    response = client.get(translate_url(obj, language))
    assert response.status_code == 200
    return translation_data(response)
