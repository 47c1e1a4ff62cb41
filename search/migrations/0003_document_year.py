from django.db import migrations, models


def fill_years(apps, schema_editor):
    """Give the documents already indexed the year of their language's calendar."""
    from core.calendars import year_of

    SearchDocument = apps.get_model("search", "SearchDocument")
    documents = SearchDocument.objects.exclude(published_at=None).only(
        "pk", "language_code", "published_at"
    )
    batch = []
    for document in documents.iterator(chunk_size=2000):
        document.year = year_of(document.published_at, document.language_code)
        batch.append(document)
        if len(batch) == 2000:
            SearchDocument.objects.bulk_update(batch, ["year"])
            batch = []
    SearchDocument.objects.bulk_update(batch, ["year"])


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_full_text_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="year",
            field=models.SmallIntegerField(blank=True, null=True, verbose_name="year"),
        ),
        migrations.RunPython(fill_years, migrations.RunPython.noop),
    ]
