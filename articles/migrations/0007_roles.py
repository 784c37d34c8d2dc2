"""The desk's roles as groups: reporter, translator, editor, chief editor."""

from django.db import migrations

ROLES = {
    "Reporter": [
        "articles.add_article", "articles.change_article", "articles.view_article",
        "articles.edit_all_languages",
        "articles.view_section", "articles.view_author", "articles.add_author",
        "articles.view_photo", "articles.add_photo", "articles.change_photo",
    ],
    "Translator": [
        "articles.change_article", "articles.view_article",
        "articles.view_section", "articles.view_author", "articles.view_photo",
    ],
    "Editor": [
        "articles.add_article", "articles.change_article", "articles.view_article",
        "articles.edit_all_languages", "articles.publish_article",
        "articles.add_section", "articles.change_section", "articles.view_section",
        "articles.add_author", "articles.change_author", "articles.view_author",
        "articles.add_photo", "articles.change_photo", "articles.view_photo",
        "articles.add_correction", "articles.change_correction", "articles.view_correction",
        "articles.view_revision",
    ],
}
# The chief editor has everything the editor has, plus deleting and roles.
ROLES["Chief editor"] = [
    *ROLES["Editor"],
    "articles.delete_article", "articles.delete_section", "articles.delete_author",
    "articles.delete_photo", "articles.delete_correction",
    "articles.add_translatorlanguage", "articles.change_translatorlanguage",
    "articles.delete_translatorlanguage", "articles.view_translatorlanguage",
    "auth.view_user", "auth.change_user", "auth.add_user", "auth.view_group",
]


def create_roles(apps, schema_editor):
    # Permissions are normally created after migrations; make sure they exist now.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_translators_corrections_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
