"""
Sent when what readers read has moved on: "Most read" (readership.tasks.most_read_refresh),
the reading paths (readership.flush).
"""

from django.dispatch import Signal

#: Sent with languages=list[str] (None: every language).
most_read_changed = Signal()

#: Sent with article_ids=set[int] after a flush wrote reading paths from those articles.
paths_counted = Signal()
