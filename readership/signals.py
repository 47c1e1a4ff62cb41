"""Sent when what "Most read" lists may have moved on (readership.tasks.most_read_refresh)."""

from django.dispatch import Signal

#: Sent with languages=list[str] (None: every language).
most_read_changed = Signal()
