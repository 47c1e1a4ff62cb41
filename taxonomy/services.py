"""Writing terms: every save of a topic, region or content type comes here."""

from translations.services import translatable_save


def term_save(*, term, language: str, user, created: bool, write_fields, write_relations=None):
    """Save a term and its translation in language, in one transaction."""
    translatable_save(
        obj=term,
        language=language,
        user=user,
        created=created,
        write_fields=write_fields,
        write_relations=write_relations or (lambda: None),
    )
