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
from django.utils.translation import gettext_lazy
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
