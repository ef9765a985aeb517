"""The PDFs of an import preview, kept in the database until the editor confirms (any host may answer).

The signed preview names each PDF by file name and SHA-256; confirming takes
the bytes back by that digest, so what is stored is exactly what was previewed.
Previews older than MAX_AGE are dropped whenever a new one is kept.
"""

import datetime
import hashlib

from django.utils import timezone

from qa.models import PendingPaper

MAX_AGE = 60 * 60


def keep(originals):
    """{file name: bytes} -> {file name: digest}, the bytes stored under their digest."""
    PendingPaper.objects.filter(uploaded__lt=timezone.now() - datetime.timedelta(seconds=MAX_AGE)).delete()
    digests = {}
    for name, data in originals.items():
        digest = hashlib.sha256(data).hexdigest()
        PendingPaper.objects.update_or_create(sha256=digest, defaults={"data": data})
        digests[name] = digest
    return digests


def take(digests):
    """{file name: digest} -> {file name: bytes}, or None if any is gone (the preview expired)."""
    stored = {row.sha256: bytes(row.data) for row in PendingPaper.objects.filter(sha256__in=digests.values())}
    if any(digest not in stored for digest in digests.values()):
        return None
    return {name: stored[digest] for name, digest in digests.items()}


def forget(digests):
    PendingPaper.objects.filter(sha256__in=digests.values()).delete()
