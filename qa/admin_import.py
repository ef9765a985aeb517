"""The admin page where editors import working papers: upload, preview, confirm.

The preview carries the uploaded texts to the confirm step in a signed field,
so what is written is exactly what the editor saw, and nothing can be slipped
in between: a changed or expired field is refused.
"""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import importers
from .models import Question
from .working_papers import WorkingPaperError, parse

# The texts travel back in the confirm form, which must stay under DATA_UPLOAD_MAX_MEMORY_SIZE.
MAX_TOTAL_SIZE = 2 * 1024 * 1024
PREVIEW_MAX_AGE = 60 * 60


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,text/plain"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_file_clean = super().clean
        if isinstance(data, (list, tuple)):
            return [single_file_clean(item, initial) for item in data]
        return [single_file_clean(data, initial)]


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


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Working papers"),
        help_text=_("One or more .txt files with the text of CIKD working papers, in UTF-8."),
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        for upload in files:
            if not upload.name.lower().endswith(".txt"):
                raise forms.ValidationError(_("%(file)s is not a .txt file.") % {"file": upload.name})
        if sum(upload.size for upload in files) > MAX_TOTAL_SIZE:
            raise forms.ValidationError(_("The files are larger than 2 MB together. Upload fewer at a time."))
        texts = [(upload.name, upload.read()) for upload in files]
        self.papers = parse_all(texts)
        # Parsing succeeded, so every text is UTF-8.
        self.texts = [(name, data.decode("utf-8-sig")) for name, data in texts]
        return files


class ConfirmForm(forms.Form):
    """The texts shown in the preview, signed for the editor who saw it."""

    preview = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, user, texts=None, **kwargs):
        self.salt = f"qa.import_qa:{user.pk}"
        if texts is not None:
            kwargs["initial"] = {"preview": signing.dumps(texts, salt=self.salt, compress=True)}
        super().__init__(*args, **kwargs)

    def clean_preview(self):
        try:
            texts = signing.loads(self.cleaned_data["preview"], salt=self.salt, max_age=PREVIEW_MAX_AGE)
        except signing.BadSignature:
            raise forms.ValidationError(_("This preview has expired or was altered. Please upload the files again."))
        self.papers = parse_all(texts)
        return texts


def import_view(request, model_admin):
    if not (model_admin.has_add_permission(request) and model_admin.has_change_permission(request)):
        raise PermissionDenied
    form, imports, confirm, errors = UploadForm(), None, None, []
    if request.method == "POST" and "preview" in request.POST:
        submitted = ConfirmForm(request.POST, user=request.user)
        if not submitted.is_valid():
            errors = submitted.errors["preview"]
        else:
            try:
                imports = importers.apply(submitted.papers, user=request.user)
            except WorkingPaperError as error:
                errors = [str(error)]
            else:
                model_admin.message_user(request, summary(imports), messages.SUCCESS)
                return redirect("admin:qa_question_changelist")
    elif request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                imports = importers.plan(form.papers)
            except WorkingPaperError as error:
                errors = [str(error)]
            else:
                confirm = ConfirmForm(user=request.user, texts=form.texts)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Question._meta,
        "title": _("Import working papers"),
        "form": form,
        "errors": errors,
        "imports": imports if confirm else None,
        "confirm": confirm,
    }
    return TemplateResponse(request, "admin/qa/question/import.html", context)


def summary(imports):
    totals = importers.count(imports)
    return ngettext(
        "Imported %(count)d working paper: %(created)d created, %(updated)d changed, %(unchanged)d unchanged.",
        "Imported %(count)d working papers: %(created)d created, %(updated)d changed, %(unchanged)d unchanged.",
        len(imports),
    ) % {"count": len(imports), **totals}


def import_urls(model_admin):
    def view(request):
        return import_view(request, model_admin)

    return [path("import/", model_admin.admin_site.admin_view(view), name="qa_question_import")]
