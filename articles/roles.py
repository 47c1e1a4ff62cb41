"""
The editorial groups and their model permissions: Author, Translator, Editor, Administrator.

Migration articles.0003 created them from its own frozen copy of this definition: a change
here needs a new migration that calls `apply_roles()`. `ensure_roles()` brings missing groups
back (tests whose database was flushed, seed_demo). Object-level rules, such as an author
editing only their own drafts, are in articles.policy.
"""

VIEW = ["view"]
ALL = ["add", "change", "delete", "view"]
TERMS = ["taxonomy.topic", "taxonomy.region", "taxonomy.articletype"]
EXPERTS = ["experts.expert", "experts.expertlink"]
# Search's synonym sets (search.0005 grants these to existing databases' groups).
SYNONYMS = "search.synonymset"

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
        SYNONYMS: ALL,
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
        SYNONYMS: ALL,
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


def ensure_roles() -> None:
    """Create the groups if they are missing (after a test flush, on a fresh database)."""
    from django.contrib.auth.models import Group, Permission

    if Group.objects.filter(name__in=ROLES).count() < len(ROLES):
        apply_roles(Group, Permission)
