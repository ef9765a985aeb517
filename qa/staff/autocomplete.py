"""The admin's autocomplete fields, answering a value that is not a key with the form's own error.

Django's autocomplete widget, showing a form again after an error, looks up
the chosen rows by the values sent; a value the related key cannot take
(``abc`` for a number, sent by hand: the widget itself only sends keys) made
that look-up raise and the admin answer with a server error instead of the
form's "Select a valid choice". The widgets here look up only the values the
key can take; the field's validation has already reported the others.
"""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


def takes(key, value):
    """Whether ``value`` (as sent in a form) can be a value of the model field ``key``."""
    try:
        key.to_python(value)
    except ValidationError:
        return False
    return True


class KeysOnly:
    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        options = remote.model._meta
        key = options.get_field(getattr(remote, "field_name", None) or options.pk.name)
        return super().optgroups(name, [item for item in value if takes(key, item)], attr)


class KeyedAutocompleteSelect(KeysOnly, AutocompleteSelect):
    pass


class KeyedAutocompleteSelectMultiple(KeysOnly, AutocompleteSelectMultiple):
    pass


class KeyedAutocomplete:
    """ModelAdmin and inline mixin: ``autocomplete_fields`` drawn with the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeyedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeyedAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)
