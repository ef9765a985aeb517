"""Revisions of the content: what is kept, and how writers outside the admin record and undo it.

Every writer outside the admin (imports, scripts, the shell) records its
changes with ``recorded()``; the admin records through django-reversion's
``VersionAdmin`` (see ``qa.editorial.admin``). Comparing two versions is
``qa.editorial.compare``.
"""

from contextlib import contextmanager

import reversion
from django.db import transaction
from django.utils.translation import gettext_noop
from reversion.models import Version

from qa.editorial.change_messages import said


def register_models():
    """Keep every content model in revisions; a question's revision holds its
    byline and a programme's its pairings, so a restore brings them back too."""
    from qa.models import (
        Author,
        Authorship,
        Page,
        Pairing,
        Programme,
        Question,
        Region,
        Series,
        Topic,
        WorkingPaperFile,
    )

    follows = {Question: ("authorships",), Programme: ("pairings",)}
    for model in (Series, Topic, Author, Authorship, Question, Region, Programme, Pairing, Page, WorkingPaperFile):
        if not reversion.is_registered(model):
            reversion.register(model, follow=follows.get(model, ()), exclude=("version",))


@contextmanager
def recorded(comment, user=None):
    """Record every save and delete inside the block as one revision.

        with recorded("Imported content bundle 2026-11-29", user=None):
            question.save()

    Inside a revision that is already open (an admin view, an outer
    ``recorded``), the changes join it and the comment is added to it.
    """
    with reversion.create_revision():
        reversion.set_comment(comment)
        if user is not None:
            reversion.set_user(user)
        yield


def undo(revision, user=None):
    """Put back every object the revision saved as it was just before it, as a
    new revision; objects the revision created are deleted (and stay
    recoverable from their versions).

    Returns (restored, deleted) counts. Undoing an import is
    ``undo(Revision.objects.get(pk=...))`` or ``manage.py undo_revision ID``.
    """
    restored, created = 0, []
    comment = said(gettext_noop("Undid revision %(id)s (%(comment)s)"), id=revision.pk, comment=revision.comment)
    with transaction.atomic(), recorded(comment, user=user):
        for version in revision.version_set.order_by("pk"):
            previous = (
                Version.objects.get_for_object_reference(version._model, version.object_id)
                .filter(pk__lt=version.pk)
                .first()
            )
            if previous is None:
                created.append(version)
            else:
                previous.revert()
                restored += 1
        deleted = 0
        for version in reversed(created):
            obj = version._model._base_manager.filter(pk=version.object_id).first()
            if obj is not None:
                obj.delete()
                deleted += 1
    return restored, deleted
