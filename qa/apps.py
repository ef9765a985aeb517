from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class QaConfig(AppConfig):
    name = "qa"
    verbose_name = _("Knowledge Hub content")

    def ready(self):
        post_migrate.connect(self._sync_editors, sender=self)

    @staticmethod
    def _sync_editors(sender, apps=None, **kwargs):  # flush sends no apps
        from .editors import sync_editor_permissions

        sync_editor_permissions(apps)
