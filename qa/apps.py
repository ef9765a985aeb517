from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_save
from django.utils.translation import gettext_lazy as _


class QaConfig(AppConfig):
    name = "qa"
    verbose_name = _("Knowledge Hub content")

    def ready(self):
        from qa import lookups  # noqa: F401  (registers ``in`` for integer fields)
        from qa.search import signals  # noqa: F401  (connects the search index to every write)
        from qa.staff import sessions  # noqa: F401  (notes when a staff session starts)

        post_migrate.connect(self._sync_editors, sender=self)
        self._connect_content_signals()

    @staticmethod
    def _sync_editors(sender, apps=None, **kwargs):
        # ``flush`` (run between transactional tests) sends post_migrate without apps.
        from qa.editorial.editors import sync_editor_permissions

        sync_editor_permissions(apps)

    def _connect_content_signals(self):
        """Every write of the app's content stores clean text, moves edit versions on, dates a question's
        revision and retires the cached pages (of a model readers' pages show: not ``shown_on_pages = False``)."""
        from qa.content.models import date_revision
        from qa.editorial.locking import EditVersioned, bump_version_on_raw_save
        from qa.editorial.staleness import TranslationTracked, track
        from qa.text import clean_stored_text
        from qa.web.cache import content_changed

        for model in self.get_models():
            name = model.__name__
            pre_save.connect(clean_stored_text, sender=model, dispatch_uid=f"text-{name}")
            if issubclass(model, TranslationTracked):
                pre_save.connect(track, sender=model, dispatch_uid=f"translations-{name}")
            if issubclass(model, EditVersioned):
                pre_save.connect(bump_version_on_raw_save, sender=model, dispatch_uid=f"version-{name}")
            if not getattr(model, "shown_on_pages", True):
                continue
            post_save.connect(content_changed, sender=model, dispatch_uid=f"pages-{name}-save")
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"pages-{name}-delete")
            for relation in model._meta.local_many_to_many:
                through = relation.remote_field.through
                m2m_changed.connect(content_changed, sender=through, dispatch_uid=f"pages-{name}-{relation.name}")
        post_migrate.connect(content_changed, sender=self, dispatch_uid="pages-migrate")
        pre_save.connect(date_revision, sender=self.get_model("Question"), dispatch_uid="question-revised")
