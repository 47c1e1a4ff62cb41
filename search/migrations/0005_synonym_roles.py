"""Editors and administrators manage synonym sets (articles.roles.ROLES says the same)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Editor", "Administrator"]
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so groups can hold them.
    app_config = apps.get_app_config("search")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    permission = apps.get_model("auth", "Permission")
    wanted = permission.objects.filter(
        content_type__app_label="search",
        codename__in=[f"{action}_synonymset" for action in ACTIONS],
    )
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.add(*wanted)


def revoke(apps, schema_editor):
    permission = apps.get_model("auth", "Permission")
    wanted = permission.objects.filter(
        content_type__app_label="search", codename__endswith="_synonymset"
    )
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(*wanted)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_synonym_set"),
        ("articles", "0003_editorial_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
