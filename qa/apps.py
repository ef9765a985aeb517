from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class QaConfig(AppConfig):
    name = "qa"
    verbose_name = _("Knowledge Hub content")

    def ready(self):
        from . import signals  # noqa: F401  (connects the search index to every write)

        post_migrate.connect(self._sync_editors, sender=self)
        self._clear_pages_on_content_change()

    @staticmethod
    def _sync_editors(sender, apps=None, **kwargs):
        # ``flush`` (run between transactional tests) sends post_migrate without apps.
        from .editors import sync_editor_permissions

        sync_editor_permissions(apps)

    def _clear_pages_on_content_change(self):
        from .cache import bump_content_generation

        for model in self.get_models():
            post_save.connect(bump_content_generation, sender=model, dispatch_uid=f"pages-{model.__name__}-save")
            post_delete.connect(bump_content_generation, sender=model, dispatch_uid=f"pages-{model.__name__}-delete")
        m2m_changed.connect(bump_content_generation, dispatch_uid="pages-m2m")
        post_migrate.connect(bump_content_generation, dispatch_uid="pages-migrate")
