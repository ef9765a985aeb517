"""The admin's change (or add) form shown again, bound to what the editor sent, with the reason nothing was saved.

For a save that did not happen for a reason outside the form (the database refused the write, the object
was deleted meanwhile): the editor's text comes back in the form, never lost to a redirect or an error page.
"""

from django.contrib.admin import helpers
from django.utils.translation import gettext as _


def form_again(model_admin, request, message, *, obj=None, form_url="", extra_context=None):
    """``obj``'s change form, or the add form without ``obj``, bound to ``request.POST``, ``message`` its error.

    Nothing is written: the form is only validated, so its own errors show too.
    """
    add = obj is None
    form = model_admin.get_form(request, obj, change=not add)(request.POST, request.FILES, instance=obj)
    formsets, inline_instances = model_admin._create_formsets(request, form.instance, change=not add)
    for formset in formsets:
        formset.is_valid()
    form.is_valid()
    form.add_error(None, message)
    fieldsets = list(model_admin.get_fieldsets(request, obj))
    admin_form = helpers.AdminForm(
        form,
        fieldsets,
        model_admin.get_prepopulated_fields(request, obj),
        model_admin.get_readonly_fields(request, obj),
        model_admin=model_admin,
    )
    context = {
        **model_admin.admin_site.each_context(request),
        "title": (_("Add %s") if add else _("Change %s")) % model_admin.opts.verbose_name,
        "adminform": admin_form,
        "object_id": None if add else obj.pk,
        "original": obj,
        "is_popup": False,
        "to_field": None,
        "media": model_admin.media + admin_form.media,
        "inline_admin_formsets": model_admin.get_inline_formsets(request, formsets, inline_instances, obj),
        "errors": helpers.AdminErrorList(form, formsets),
        "preserved_filters": model_admin.get_preserved_filters(request),
        **(extra_context or {}),
    }
    return model_admin.render_change_form(request, context, add=add, change=not add, obj=obj, form_url=form_url)
