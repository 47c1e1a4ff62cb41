"""Create the editorial groups (Author, Editor, Translator, Administrator) with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

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
        **{label: VIEW for label in EXPERTS + TERMS},
    },
    "Translator": {
        "articles.article": ["change", "view", "translate_article"],
        "articles.authorship": VIEW,
        "articles.relatedarticle": VIEW,
        "articles.articlerevision": VIEW,
        **{label: VIEW for label in EXPERTS + TERMS},
    },
    "Editor": {
        "articles.article": ALL
        + ["edit_any_article", "publish_article", "withdraw_article"],
        "articles.authorship": ALL,
        "articles.relatedarticle": ALL,
        "articles.articlerevision": VIEW,
        "articles.slugredirect": ALL,
        "articles.workflowevent": VIEW,
        "articles.translatorlanguage": VIEW,
        **{label: ALL for label in EXPERTS + TERMS},
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
        **{label: ALL for label in EXPERTS + TERMS},
    },
}


def codename(action, model):
    return f"{action}_{model}" if action in ALL else action


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = []
        for label, actions in grants.items():
            app_label, model = label.split(".")
            for action in actions:
                permissions.append(
                    Permission.objects.get(
                        content_type__app_label=app_label,
                        content_type__model=model,
                        codename=codename(action, model),
                    )
                )
        group.permissions.set(permissions)


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
