"""Writing experts: every save of one (the admin, the side-by-side view) comes here."""

from core.images import renditions_soon
from translations.services import translatable_save

from .models import Expert


def expert_save(
    *, expert: Expert, language: str, user, created: bool, write_fields, write_relations=None,
    photo_changed: bool = False,
) -> None:  # fmt: skip
    """Save an expert, their translation in language and their links, in one transaction."""

    def write():
        write_fields()
        if photo_changed and expert.photo:
            renditions_soon(expert.photo.name)

    translatable_save(
        obj=expert,
        language=language,
        user=user,
        created=created,
        write_fields=write,
        write_relations=write_relations or (lambda: None),
    )
