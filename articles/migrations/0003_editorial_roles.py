"""Create the editorial groups (Author, Editor, Translator, Administrator) with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# The definition lives in articles.roles; change it there and add a migration that applies it.
from articles.roles import ROLES, apply_roles


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    apply_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def delete_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_workflow_revisions_redirects"),
        ("experts", "0001_initial"),
        ("taxonomy", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, delete_roles)]
