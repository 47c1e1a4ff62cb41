"""
Saving a form that others saved over meanwhile: a three-way merge, field by field.

The form was opened at a base, the revision its version token names (articles.revisions).
For each value the form writes (a field, or the rows of an inline such as the authors):

- changed only by the others since the base: theirs is kept, the form's stale value is not
  written;
- changed only in this form: the form's value is written;
- changed by both, to different values: nothing is saved until the editor has chosen, per
  field, between their saved value and the form's ("theirs" or "mine").

Without a trustworthy base (its revision is gone, or is not the state the token describes)
every difference from the saved article counts as changed by both, so nothing is ever
overwritten without a choice.
"""

import datetime
import re
from dataclasses import dataclass, field

from django import forms
from django.db import models

from .models import Article, ArticleRevision
from .revisions import (
    PLACE_FIELDS,
    RELATION_FIELDS,
    SHARED_FIELDS,
    event_place,
    fingerprint,
    latest,
    snapshot,
)

THEIRS, MINE, ASK = "theirs", "mine", "ask"
#: The radio buttons of the choice, one group per field: _keep_summary=theirs.
CHOICE_PREFIX = "_keep_"
#: The form's hidden fields: the version token, its revision, the fields awaiting a choice.
VERSION, BASE_REVISION, PENDING = "version", "base_revision", "conflicting"


@dataclass
class Merge:
    article: Article
    language: str
    shared: bool  # The form writes the shared fields too, not only one language's text.
    current: dict  # The article as saved now.
    base: dict | None  # The article as the form showed it; None if unknown.
    base_revision: ArticleRevision | None
    stale: bool  # Someone saved since the form was opened.
    pending: frozenset = frozenset()  # The fields the editor was asked to choose for.
    choices: dict = field(default_factory=dict)  # field -> THEIRS or MINE, as posted.
    kept: list = field(default_factory=list)  # Theirs kept, the form's value dropped.
    asked: dict = field(default_factory=dict)  # field -> the form's value, to choose.

    def saved(self, data: dict, name: str):
        """Return the value of field name in snapshot data."""
        if name in SHARED_FIELDS or name in RELATION_FIELDS:
            return data["shared"].get(name)
        if name in PLACE_FIELDS:
            return event_place(data, self.language).get(name) or ""
        return (data["translations"].get(self.language) or {}).get(name) or ""

    def decide(self, name: str, differs, mine_value=None) -> str | None:
        """
        Return THEIRS (keep the saved value), ASK (both changed it: the editor chooses) or
        None (write the form's value). differs(value) says whether the form's value differs
        from a saved one; mine_value is the form's value, shown if the editor must choose.
        """
        if name in self.pending:
            choice = self.choices.get(name)
            if choice not in (THEIRS, MINE):
                return self._ask(name, mine_value)
            mine = choice == MINE
        elif not self.stale:
            return None
        else:
            mine = self.base is None or differs(self.saved(self.base, name))
        theirs = self.stale and (
            self.base is None or self.saved(self.base, name) != self.saved(self.current, name)
        )
        if not mine:
            if theirs or name in self.pending:
                self.kept.append(name)
                return THEIRS
            return None
        if theirs and differs(self.saved(self.current, name)):
            return self._ask(name, mine_value)
        return None

    def _ask(self, name, mine_value):
        self.asked[name] = mine_value
        return ASK

    @property
    def token(self) -> str:
        """Return the version token of the article as saved now."""
        return fingerprint(self.current, language=self.language, shared=self.shared)


def merge_start(*, article: Article, data, language: str, shared: bool) -> Merge | None:
    """Return the Merge for a POST of the form (data), or None if it carries no version token."""
    token = data.get(VERSION)
    if not token:
        return None
    # Lock the row: a concurrent save waits here, then sees this one's changes.
    Article.objects.select_for_update().filter(pk=article.pk).first()
    current = snapshot(article)
    stale = token != fingerprint(current, language=language, shared=shared)
    revision = ArticleRevision.objects.filter(
        article=article, pk=_integer(data.get(BASE_REVISION))
    ).first()
    base = revision.snapshot if revision else None
    if base is not None and fingerprint(base, language=language, shared=shared) != token:
        base = None  # Not the state the form showed: trust no value of it.
    return Merge(
        article=article,
        language=language,
        shared=shared,
        current=current,
        base=base,
        base_revision=revision,
        stale=stale,
        pending=frozenset(filter(None, (data.get(PENDING) or "").split(","))),
        choices={
            key.removeprefix(CHOICE_PREFIX): data.get(key)
            for key in data
            if key.startswith(CHOICE_PREFIX)
        },
    )


def merge_for(request, *, article: Article, language: str, shared: bool) -> Merge | None:
    """Return the request's Merge: the form and the inlines of one POST decide on one."""
    merges = request.__dict__.setdefault("_article_merges", {})
    key = (article.pk, language, shared)
    if key not in merges:
        merges[key] = merge_start(
            article=article, data=request.POST, language=language, shared=shared
        )
    return merges[key]


def rebase(merge: Merge, data):
    """Return data as a form opened now would carry it, asking for the fields in merge.asked."""
    data = data.copy()
    newest = latest(merge.article)
    data[VERSION] = merge.token
    data[BASE_REVISION] = str(newest.pk) if newest else ""
    data[PENDING] = ",".join(merge.asked)
    for key in [key for key in data if key.startswith(CHOICE_PREFIX)]:
        del data[key]  # Chosen against older values: choose again.
    return data


def _integer(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


# Form fields: their values as a snapshot holds them, and as a browser posts them.


def as_initial(form_field, value):
    """Return a snapshot value as form_field's initial value (as Form.get_initial_for_field)."""
    if isinstance(form_field, forms.DateTimeField | forms.SplitDateTimeField) and value:
        value = datetime.datetime.fromisoformat(value)
        if not form_field.widget.supports_microseconds:
            value = value.replace(microsecond=0)
    return value


def as_saved(form_field, value):
    """Return a cleaned value of form_field as a snapshot holds it (ids, text for times)."""
    if isinstance(form_field, forms.FileField):
        return getattr(value, "name", "") or ""  # False: cleared.
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple):
        return sorted(item.pk for item in value)
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return "" if value is None else value


def put_initial(form, data, name) -> None:
    """Write into data what a browser posts for field name showing its initial value."""
    form_field, key = form.fields[name], form.add_prefix(name)
    value = form_field.prepare_value(form.get_initial_for_field(form_field, name))
    if isinstance(form_field, forms.FileField):
        return  # A file input posts nothing unless a file is chosen: the saved one stays.
    if isinstance(form_field, forms.MultiValueField):
        parts = form_field.widget.decompress(value)
        for widget, suffix, part in zip(
            form_field.widget.widgets, form_field.widget.widgets_names, parts, strict=True
        ):
            data[f"{key}{suffix}"] = widget.format_value(part) or ""
    elif isinstance(form_field, forms.BooleanField):
        data.pop(key, None)
        if value:
            data[key] = "on"
    elif isinstance(form_field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        data.setlist(key, [str(item) for item in value or []])
    else:
        data[key] = "" if value is None else str(value)


# Inlines: the rows of a relation (the authors, the pinned articles) as one value.


def posted_targets(data, prefix: str, target: str) -> list[int] | None:
    """Return the targets an inline's POST lists, in order; None if it is not cleanly posted."""
    delete = forms.CheckboxInput()
    rows = []
    try:
        for n in range(min(int(data[f"{prefix}-TOTAL_FORMS"]), 1000)):
            key = f"{prefix}-{n}"
            value = data.get(f"{key}-{target}")
            if value and not delete.value_from_datadict(data, {}, f"{key}-DELETE"):
                rows.append((int(data.get(f"{key}-position") or 0), n, int(value)))
    except (KeyError, ValueError):
        return None  # The formset says what is wrong.
    return [value for _position, _n, value in sorted(rows)]


def put_targets(data, prefix: str, target: str, *, saved_rows, targets, parent) -> None:
    """
    Write into data an inline's POST that turns the saved rows, [(pk, target)], into targets
    in that order: rows kept are moved, rows not listed deleted, new targets added.
    """
    unused = {}
    for pk, value in saved_rows:
        unused.setdefault(value, []).append(pk)
    positions, added = {}, []
    for position, value in enumerate(targets):
        if unused.get(value):
            positions[unused[value].pop(0)] = position
        else:
            added.append((None, value, position))
    rows = [(pk, value, positions.get(pk)) for pk, value in saved_rows] + added
    row_key = re.compile(rf"{re.escape(prefix)}-\d+-")
    for key in [key for key in data if row_key.match(key)]:
        del data[key]
    data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
    data[f"{prefix}-INITIAL_FORMS"] = str(len(saved_rows))
    for n, (pk, value, position) in enumerate(rows):
        key = f"{prefix}-{n}"
        data[f"{key}-article"] = str(parent)
        data[f"{key}-{target}"] = str(value)
        data[f"{key}-id"] = "" if pk is None else str(pk)
        data[f"{key}-position"] = str(len(targets) if position is None else position)
        if position is None:
            data[f"{key}-DELETE"] = "on"
