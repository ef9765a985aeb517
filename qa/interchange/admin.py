"""The admin page where editors import working papers: upload, preview, confirm.

The preview carries the uploaded texts, and the version of every question and
author it was made from, to the confirm step in a signed field: what is written
is exactly what the editor saw, nothing can be slipped in between (a changed or
expired field is refused), and nothing another editor saved in the meantime is
overwritten (the import is refused and a fresh preview shown).
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, TooManyFilesSent
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt

from qa.interchange import importers, pending
from qa.interchange.uploads import PapersRefused, read_files
from qa.interchange.working_papers import WorkingPaperError, parse
from qa.models import Question

# The texts travel back in the confirm form, which must stay under DATA_UPLOAD_MAX_MEMORY_SIZE.
MAX_TOTAL_SIZE = 2 * 1024 * 1024
# PDFs do not travel back (qa.interchange.pending keeps them), so they may be larger together.
MAX_TOTAL_PDF_SIZE = 100 * 1024 * 1024
PREVIEW_MAX_AGE = pending.MAX_AGE


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,application/pdf,.txt,text/plain"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, (list, tuple)) else [data]
        for item in items:
            if item and not item.size:
                raise forms.ValidationError(_("%(file)s is empty.") % {"file": item.name}, code="empty")
        single_file_clean = super().clean
        return [single_file_clean(item, initial) for item in items]


def parse_all(texts):
    """Parse [(file name, bytes or str)], reporting every refused file at once."""
    papers, errors = [], []
    for name, text in texts:
        try:
            papers.append(parse(name, text))
        except WorkingPaperError as error:
            errors.append(str(error))
    if errors:
        raise forms.ValidationError(errors)
    return papers


def too_many_files_message():
    return _("Upload at most %(limit)d files at a time.") % {"limit": settings.DATA_UPLOAD_MAX_NUMBER_FILES}


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Working papers"),
        help_text=_("One or more CIKD working papers, English or Chinese edition: the PDFs, "
                    "or .txt files with their text in UTF-8."),
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        for upload in files:
            if not upload.name.lower().endswith((".txt", ".pdf")):
                raise forms.ValidationError(_("%(file)s is not a .pdf or .txt file.") % {"file": upload.name})
        texts = [upload for upload in files if not upload.name.lower().endswith(".pdf")]
        if sum(upload.size for upload in texts) > MAX_TOTAL_SIZE:
            raise forms.ValidationError(_("The files are larger than 2 MB together. Upload fewer at a time."))
        if sum(upload.size for upload in files) > MAX_TOTAL_PDF_SIZE:
            raise forms.ValidationError(_("The PDFs are larger than 100 MB together. Upload fewer at a time."))
        try:
            reading = read_files([(upload.name, upload.read()) for upload in files])
        except PapersRefused as refused:
            raise forms.ValidationError(refused.messages) from None
        if sum(len(text.encode()) for _name, text in reading.texts) > MAX_TOTAL_SIZE:
            raise forms.ValidationError(_("The files are larger than 2 MB together. Upload fewer at a time."))
        self.papers, self.texts, self.originals = reading.papers, reading.texts, reading.originals
        return files


class ConfirmForm(forms.Form):
    """The texts shown in the preview and what they were compared with, signed for the editor who saw it."""

    preview = forms.CharField(widget=forms.HiddenInput)
    publish = forms.BooleanField(
        label=_("Publish the new questions at once"),
        required=False,
        help_text=_(
            "Leave this off to create the new questions as drafts, which readers do not see until "
            "an editor publishes them. Questions that already exist keep their status either way."
        ),
    )

    def __init__(self, *args, user, texts=None, basis=None, publish=False, originals=None, **kwargs):
        self.salt = f"qa.import_qa.v3:{user.pk}"
        if texts is not None:
            payload = {"texts": texts, "basis": basis, "originals": originals or {}}
            kwargs["initial"] = {"preview": signing.dumps(payload, salt=self.salt, compress=True), "publish": publish}
        super().__init__(*args, **kwargs)

    def clean_preview(self):
        try:
            payload = signing.loads(self.cleaned_data["preview"], salt=self.salt, max_age=PREVIEW_MAX_AGE)
        except signing.BadSignature:
            raise forms.ValidationError(
                _("This preview has expired or was altered. Please upload the files again.")
            ) from None
        self.texts, self.basis, self.digests = payload["texts"], payload["basis"], payload["originals"]
        self.papers = parse_all(self.texts)
        self.originals = pending.take(self.digests)
        if self.originals is None:
            raise forms.ValidationError(
                _("This preview has expired or was altered. Please upload the files again.")
            )
        return payload


def import_view(request, model_admin, too_many_files=False):
    if not (model_admin.has_add_permission(request) and model_admin.has_change_permission(request)):
        raise PermissionDenied
    page = {"form": UploadForm(), "errors": [], "imports": None, "confirm": None, "conflict": False}
    if too_many_files:
        page["errors"] = [too_many_files_message()]
    elif request.method == "POST" and "preview" in request.POST:
        done = confirm(request, model_admin, page)
        if done:
            return done
    elif request.method == "POST":
        preview(request, page)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Question._meta,
        "title": _("Import working papers"),
        **page,
        "new_questions": bool(page["imports"]) and any(item.created for item in page["imports"]),
    }
    return TemplateResponse(request, "admin/qa/question/import.html", context)


def preview(request, page):
    form = page["form"] = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        show_preview(request, page, form.papers, form.texts, digests=pending.keep(form.originals))


def show_preview(request, page, papers, texts, publish=False, digests=None):
    try:
        imports = importers.import_papers(papers, publish=publish, dry_run=True)
    except WorkingPaperError as error:
        page["errors"].append(str(error))
    else:
        for item in imports:
            item.keeps_pdf = item.paper.file_name in (digests or {})
        page["imports"] = imports
        page["confirm"] = ConfirmForm(
            user=request.user, texts=texts, basis=importers.basis(imports), publish=publish, originals=digests
        )


def confirm(request, model_admin, page):
    """Write what the preview showed; a redirect when done, or None with the page to show again."""
    submitted = ConfirmForm(request.POST, user=request.user)
    if not submitted.is_valid():
        page["errors"] = submitted.errors["preview"]
        return None
    publish = submitted.cleaned_data["publish"]
    try:
        imports = importers.import_papers(
            submitted.papers, publish=publish, user=request.user, basis=submitted.basis,
            originals=submitted.originals,
        )
    except WorkingPaperError as error:
        page["errors"] = [str(error)]
    except importers.ImportConflict as conflict:
        page["errors"], page["conflict"] = conflict.messages, True
        show_preview(request, page, submitted.papers, submitted.texts, publish, submitted.digests)
    else:
        pending.forget(submitted.digests)
        model_admin.message_user(request, summary(imports, publish), messages.SUCCESS)
        return redirect("admin:qa_question_changelist")
    return None


def summary(imports, publish):
    totals = importers.count(imports)
    if publish:
        created = _("%(created)d created and published") % totals
    else:
        count = totals["created"]
        created = ngettext("%(created)d created as a draft", "%(created)d created as drafts", count) % totals
    return ngettext(
        "Imported %(count)d working paper: %(created)s, %(updated)d changed, %(unchanged)d unchanged.",
        "Imported %(count)d working papers: %(created)s, %(updated)d changed, %(unchanged)d unchanged.",
        len(imports),
    ) % {**totals, "count": len(imports), "created": created}


def import_urls(model_admin):
    site = model_admin.admin_site
    import_page = site.admin_view(lambda request: import_view(request, model_admin))
    too_many_files_page = site.admin_view(csrf_exempt(lambda request: import_view(request, model_admin, True)))

    @csrf_exempt
    def view(request):
        """Django refuses too many files while reading the upload, before the CSRF check or any view
        could: read it here, so the editor gets the form's message rather than a bare 400. The page
        then shows only that message and writes nothing; every other request is CSRF-checked as usual."""
        try:
            request.FILES  # noqa: B018
        except TooManyFilesSent:
            return too_many_files_page(request)
        return import_page(request)

    return [path("import/", view, name="qa_question_import")]
