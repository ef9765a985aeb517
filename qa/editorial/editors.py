"""The "Editors" group: staff who keep the content current but cannot manage users."""

EDITORS_GROUP = "Editors"

# Apps whose models editors may add, change, delete and view.
EDITOR_APPS = ("qa",)


def sync_editor_permissions(apps=None, **kwargs):
    """Create the Editors group and give it every permission on the content apps.

    Runs from a data migration and again after every ``migrate``, so models
    added later are covered too. It never grants anything on users or groups.
    """
    if apps is None:
        from django.apps import apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(*Permission.objects.filter(content_type__app_label__in=EDITOR_APPS))
    return group
