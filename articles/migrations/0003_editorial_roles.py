"""Create the editorial groups (Author, Editor, Translator, Administrator) with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# A frozen copy of articles.roles as it was when this migration was written, so that a later
# change there does not change what this migration did. To change the roles, change
# articles.roles and add a migration that applies the new definition.
VIEW = ["view"]
ALL = ["add", "change", "delete", "view"]
TERMS = ["taxonomy.topic", "taxonomy.region", "taxonomy.articletype"]
EXPERTS = ["experts.expert", "experts.expertlink"]

# group -> {"app.model": [actions] or codenames}
ROLES = {
    "Author": {
        "articles.article": ["add", "change", "view"],
        "articles.authorship": ALL,
        "articles.relatedarticle": VIEW,
        "articles.articlerevision": VIEW,
        **dict.fromkeys(EXPERTS + TERMS, VIEW),
    },
    "Translator": {
        "articles.article": ["change", "view", "translate_article"],
        "articles.authorship": VIEW,
        "articles.relatedarticle": VIEW,
        "articles.articlerevision": VIEW,
        **dict.fromkeys(EXPERTS + TERMS, VIEW),
    },
    "Editor": {
        "articles.article": ALL + ["edit_any_article", "publish_article", "withdraw_article"],
        "articles.authorship": ALL,
        "articles.relatedarticle": ALL,
        "articles.articlerevision": VIEW,
        "articles.slugredirect": ALL,
        "articles.workflowevent": VIEW,
        "articles.translatorlanguage": VIEW,
        **dict.fromkeys(EXPERTS + TERMS, ALL),
    },
    "Administrator": {
        "articles.article": ALL
        + ["edit_any_article", "publish_article", "withdraw_article", "translate_article"],
        "articles.authorship": ALL,
        "articles.relatedarticle": ALL,
        "articles.articlerevision": VIEW,
        "articles.slugredirect": ALL,
        "articles.workflowevent": VIEW,
        "articles.translatorlanguage": ALL,
        "auth.user": ALL,
        "auth.group": ALL,
        **dict.fromkeys(EXPERTS + TERMS, ALL),
    },
}


def codename(action, model):
    return f"{action}_{model}" if action in ALL else action


def apply_roles(group_model, permission_model) -> None:
    """Create or update each group with exactly the permissions ROLES gives it."""
    for name, grants in ROLES.items():
        group, _created = group_model.objects.get_or_create(name=name)
        permissions = []
        for label, actions in grants.items():
            app_label, model = label.split(".")
            for action in actions:
                permissions.append(
                    permission_model.objects.get(
                        content_type__app_label=app_label,
                        content_type__model=model,
                        codename=codename(action, model),
                    )
                )
        group.permissions.set(permissions)


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
