"""English strings the admin shows that no installed catalogue translates into
Simplified Chinese: django-axes ships no Chinese, Django 5.2 added strings its
zh_Hans catalogue lacks, and a few stock Chinese strings read badly.

makemessages only extracts the project's own code, so these are listed here
with gettext_noop: the extraction keeps them live in knowledgehub/locale/
(the catalogue of the directory this module is in) instead of marking them
obsolete. Their translations are in knowledgehub/locale/zh_Hans/LC_MESSAGES/.
Nothing needs to import the tuples; only the extraction reads them.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy, ngettext_lazy
from django.utils.translation import gettext_noop as _


class HubAxesConfig(AxesAppConfig):
    """django-axes with a translatable name: its own AppConfig has none, so
    the admin shows the label "Axes" in every language. Used in place of
    "axes" in INSTALLED_APPS."""

    verbose_name = gettext_lazy("Login throttling")


AXES = (
    _("access attempt"),
    _("access attempts"),
    _("access failure"),
    _("access failures"),
    _("access log"),
    _("access logs"),
    _("access attempt expiration"),
    _("access attempt expirations"),
    _("Access Attempt"),
    _("Access lock out"),
    _("Account locked: too many login attempts. Please try again later."),
    _("Account locked: too many login attempts. Contact an admin to unlock your account."),
    _("Attempt Remaining"),
    _("Attempt Time"),
    _("Clean up expired attempts"),
    _("Expires At"),
    _("Failed Logins"),
    _("Form Data"),
    _("GET Data"),
    _("HTTP Accept"),
    _("IP Address"),
    _("Locked Out"),
    _("Logout Time"),
    _("Meta Data"),
    _("Not set"),
    _("Path"),
    _("POST Data"),
    _("Session key hash (sha256)"),
    _("The time when access attempt expires and is no longer valid."),
    _("User Agent"),
    _("Username"),
)

DJANGO_5_2 = (
    _("Add link"),
    _("After you’ve created a user, you’ll be able to edit more user options."),
    _("Change or view list link"),
    _("Error:"),
    _("Forgotten your login credentials?"),
    _("In case you’ve forgotten, you are:"),
    _("Model name"),
)

REVERSION = (
    _("Choose a date from the list below to recover a deleted version of an object."),
    _("Recover deleted %(name)s"),
)

# Stock Chinese with a space between Chinese words, ASCII punctuation or a wrong sense.
STOCK_OVERRIDES = (
    _(":"),
    _(" By %(filter_title)s "),
    _("%(app)s administration"),
    _("Add %(name)s"),
    _("Add %s"),
    _("Add another %(verbose_name)s"),
    _(
        'Are you sure you want to delete the %(object_name)s "%(escaped_object)s"? All of the following related '
        "items will be deleted:"
    ),
    _(
        "Are you sure you want to delete the selected %(objects_name)s? All of the following objects and their "
        "related items will be deleted:"
    ),
    _("Cannot delete %(name)s"),
    _("Change %s"),
    _("Change history: %s"),
    _("Delete selected %(model)s"),
    _("Delete selected %(verbose_name_plural)s"),
    _(
        "Deleting the %(object_name)s '%(escaped_object)s' would require deleting the following protected "
        "related objects:"
    ),
    _("Models in the %(name)s application"),
    _(
        "Please enter the correct %(username)s and password for a staff account. Note that both fields may be "
        "case-sensitive."
    ),
    _("Select %s to change"),
    _("Select %s to view"),
    _("Sorting priority: %(priority_number)s"),
    _("Successfully deleted %(count)d %(items)s."),
    _("View %s"),
    _("You may edit it again below."),
)

# Stock Chinese of Django and the installed apps with a half-width space next to Chinese, half-width
# punctuation, or a wrong sense (“字段” for a slug); tests/test_admin_language.py finds them in the installed
# catalogues and holds each to an override here or to its NEVER_SHOWN list.
STOCK_TYPOGRAPHY = (
    # Django's own (forms, models, validators, time since)
    _("That page number is less than 1"),
    _("Enter a valid URL."),
    _("Enter a valid email address."),
    _("Enter a valid %(protocol)s address."),
    _("IPv4 or IPv6"),
    _("Ensure this value is %(limit_value)s (it is %(show_value)s)."),
    _(
        "Ensure this value is a multiple of step size %(limit_value)s, starting from %(offset)s, e.g. "
        "%(offset)s, %(valid_value1)s, %(valid_value2)s, and so on.",
    ),
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
    ),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s decimal place.",
        "Ensure that there are no more than %(max)s decimal places.",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit before the decimal point.",
        "Ensure that there are no more than %(max)s digits before the decimal point.",
    ),
    _("%(model_name)s with this %(field_labels)s already exists."),
    _("Constraint “%(name)s” is violated."),
    _("Value %(value)r is not a valid choice."),
    _("This field cannot be null."),
    _("%(model_name)s with this %(field_label)s already exists."),
    _("%(field_label)s must be unique for %(date_field_label)s %(lookup_type)s."),
    _("“%(value)s” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it is an invalid date/time."),
    _("“%(value)s” value has the correct format (HH:MM[:ss[.uuuuuu]]) but it is an invalid time."),
    _("The number of days must be between {min_days} and {max_days}."),
    ngettext_lazy(
        "Ensure this filename has at most %(max)d character (it has %(length)d).",
        "Ensure this filename has at most %(max)d characters (it has %(length)d).",
    ),
    _("Select a valid choice. %(value)s is not one of the available choices."),
    _("(Hidden field %(name)s) %(error)s"),
    _(
        "ManagementForm data is missing or has been tampered with. Missing fields: %(field_names)s. You may "
        "need to file a bug report if the issue persists.",
    ),
    ngettext_lazy("Please submit at most %(num)d form.", "Please submit at most %(num)d forms."),
    ngettext_lazy("Please submit at least %(num)d form.", "Please submit at least %(num)d forms."),
    _("Please correct the duplicate data for %(field)s, which must be unique."),
    _(
        "Please correct the duplicate data for %(field_name)s which must be unique for the %(lookup)s in "
        "%(date_field)s.",
    ),
    _("Please correct the duplicate values below."),
    _("Select a valid choice. That choice is not one of the available choices."),
    ngettext_lazy("%(size)d byte", "%(size)d bytes"),
    ngettext_lazy("%(num)d year", "%(num)d years"),
    ngettext_lazy("%(num)d month", "%(num)d months"),
    ngettext_lazy("%(num)d week", "%(num)d weeks"),
    ngettext_lazy("%(num)d day", "%(num)d days"),
    ngettext_lazy("%(num)d hour", "%(num)d hours"),
    ngettext_lazy("%(num)d minute", "%(num)d minutes"),
    _("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
    _("Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or hyphens."),
    _("Ensure this value is less than or equal to %(limit_value)s."),
    _("Ensure this value is greater than or equal to %(limit_value)s."),
    _("Ensure this value is a multiple of step size %(limit_value)s."),
    _("File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s."),
    _("“%(value)s” value must be either True or False."),
    _("“%(value)s” value must be either True, False, or None."),
    _("“%(value)s” value has an invalid date format. It must be in YYYY-MM-DD format."),
    _("“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date."),
    _("“%(value)s” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format."),
    _("“%(value)s” value must be a decimal number."),
    _("“%(value)s” value has an invalid format. It must be in [DD] [[HH:]MM:]ss[.uuuuuu] format."),
    _("“%(value)s” value must be a float."),
    _("“%(value)s” value must be an integer."),
    _("“%(value)s” value must be either None, True or False."),
    _("“%(value)s” value has an invalid format. It must be in HH:MM[:ss[.uuuuuu]] format."),
    _("“%(value)s” is not a valid UUID."),
    _("Value must be valid JSON."),
    _("%(model)s instance with %(field)s %(value)r is not a valid choice."),
    _("%(from)s-%(to)s relationship"),
    _("%(from)s-%(to)s relationships"),
    _("Enter a valid UUID."),
    _("Enter a valid JSON."),
    _("Please correct the duplicate data for %(field)s."),
    _("“%(pk)s” is not a valid value."),
    _(
        "%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; it may be ambiguous or it "
        "may not exist.",
    ),
    _("This is not a valid IPv6 address."),
    # django.contrib.admin
    _("Added {name} “{object}”."),
    _("Changed {fields} for {name} “{object}”."),
    _("Deleted {name} “{object}”."),
    _("Hold down “Control”, or “Command” on a Mac, to select more than one."),
    _("Select this object for an action - {}"),
    _("The {name} “{obj}” was added successfully."),
    _("The {name} “{obj}” was added successfully. You may add another {name} below."),
    _("The {name} “{obj}” was changed successfully. You may edit it again below."),
    _("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    _("The {name} “{obj}” was changed successfully."),
    _("The %(name)s “%(obj)s” was deleted successfully."),
    _("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?"),
    ngettext_lazy("%(count)s %(name)s was changed successfully.", "%(count)s %(name)s were changed successfully."),
    ngettext_lazy("%(total_count)s selected", "All %(total_count)s selected"),
    _("0 of %(cnt)s selected"),
    _(
        "Deleting %(class_name)s %(instance)s would require deleting the following protected related "
        "objects: %(related_objects)s",
    ),
    _("Select all %(total_count)s %(module_name)s"),
    _("Enter a new password for the user <strong>%(username)s</strong>."),
    _(
        "Deleting the %(object_name)s '%(escaped_object)s' would result in deleting related objects, but "
        "your account doesn't have permission to delete the following types of objects:",
    ),
    _(
        "Deleting the selected %(objects_name)s would result in deleting related objects, but your account "
        "doesn't have permission to delete the following types of objects:",
    ),
    _("Deleting the selected %(objects_name)s would require deleting the following protected related objects:"),
    _("Start typing to filter…"),
    _("Popup closing…"),
    _("Add another %(model)s"),
    _("You're receiving this email because you requested a password reset for your user account at %(site_name)s."),
    _("The %(site_name)s team"),
    _("Select %s"),
    _("Past 7 days"),
    _("Action:"),
    _("object id"),
    _("object repr"),
    _("Added “%(object)s”."),
    _("Changed “%(object)s” — %(changes)s"),
    _("Deleted “%(object)s.”"),
    _("Changed {fields}."),
    _("This action will <strong>enable</strong> password-based authentication for this user."),
    _("Toggle theme (current theme: auto)"),
    _("Toggle theme (current theme: light)"),
    _("Toggle theme (current theme: dark)"),
    _("Deleted:"),
    _("Change selected %(model)s"),
    _("Please enter your new password twice so we can verify you typed it in correctly."),
    _("Forgotten your password? Enter your email address below, and we’ll email instructions for setting a new one."),
    # django.contrib.auth
    _("Set password: %s"),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
    ),
    _("The password is too similar to the %(verbose_name)s."),
    _("Password reset on %(site_name)s"),
    _("Change password: %s"),
    _("Please enter a correct %(username)s and password. Note that both fields may be case-sensitive."),
    _("Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
    _(
        "Enter a valid username. This value may contain only unaccented lowercase a-z and uppercase A-Z "
        "letters, numbers, and @/./+/-/_ characters.",
    ),
    _("Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."),
    # django.contrib.contenttypes
    _("python model class name"),
    # django.contrib.sessions
    _("session key"),
    _("session data"),
    # django-reversion
    _("Reverted to previous version, saved on %(datetime)s"),
    _("Could not load %(object_repr)s version - not found"),
    _("Recover %(name)s"),
    _("Revert %(name)s"),
    _("Could not save %(object_repr)s version - missing dependency."),
    _("Could not load %(object_repr)s version - incompatible version data."),
    _("Could not load %(object_repr)s version - unknown serializer %(format)s."),
    _("Revert %(verbose_name)s"),
)
