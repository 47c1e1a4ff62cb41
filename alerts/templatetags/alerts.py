"""The "Follow by email" control: a link to the subscribe page naming what a page shows."""

from django import template
from django.utils.http import urlencode
from django.utils.translation import get_language

from articles.models import Article
from core.i18n import url_in
from experts.models import Expert
from taxonomy.models import ArticleType, Region, Topic

register = template.Library()

PARAMETER = {Topic: "topic", Region: "region", ArticleType: "type", Expert: "expert"}


def follow_parameters(obj) -> dict[str, list[int]]:
    """What following obj means: a term or an expert; an article's authors, topics and type."""
    if obj is None or obj == "":
        return {"everything": [1]}
    if isinstance(obj, Article):  # prefetched on its page: no query
        return {
            "expert": [author.pk for author in obj.authors.all()],
            "topic": [topic.pk for topic in obj.topics.all()],
            "type": [obj.article_type_id] if obj.article_type_id else [],
        }
    parameter = PARAMETER.get(type(obj))
    return {parameter: [obj.pk]} if parameter else {"everything": [1]}


@register.simple_tag
def follow_url(obj=None) -> str:
    """The subscribe page, in the page's language, with obj chosen."""
    query = urlencode(follow_parameters(obj), doseq=True)
    return f"{url_in(get_language(), 'alerts:subscribe')}?{query}"
