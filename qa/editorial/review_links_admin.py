"""Reviewer links in the admin: their own list (create, see who made each and when, revoke) and the
list of a question's links on its change form."""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from qa.editorial.write_failures import KeepsFormOnWriteFailure
from qa.models import ReviewLink
from qa.staff.autocomplete import KeyedAutocomplete


class ReviewLinkStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return list(ReviewLink.STATES.items())

    def queryset(self, request, queryset):
        active = queryset.active()
        if self.value() == ReviewLink.ACTIVE:
            return active
        if self.value() == ReviewLink.REVOKED:
            return queryset.filter(revoked=True)
        if self.value() == ReviewLink.EXPIRED:
            return queryset.filter(revoked=False).exclude(pk__in=active.values("pk"))
        return queryset


@admin.register(ReviewLink)
class ReviewLinkAdmin(KeyedAutocomplete, KeepsFormOnWriteFailure, admin.ModelAdmin):
    list_display = ["question", "language", "state_display", "expires", "created_by", "created"]
    list_filter = [ReviewLinkStateFilter, "language"]
    list_select_related = ["question", "created_by"]
    search_fields = ["=question__number", "question__title_en", "question__title_zh_hans"]
    autocomplete_fields = ["question"]
    actions = ["revoke"]
    readonly_fields = ["state_display", "created_by", "created"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["question", "language", "expires"]
        return ["question", "language", "state_display", "expires", "revoked", "created_by", "created"]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is None else [*self.readonly_fields, "question", "language"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def response_post_save_add(self, request, obj):
        """After creating a link, show its page, with the address to copy."""
        return HttpResponseRedirect(reverse("admin:qa_reviewlink_change", args=[obj.pk]))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """The change form shows the link's full address, to copy and send."""
        if obj is not None:
            context["review_address"] = request.build_absolute_uri(obj.get_absolute_url())
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description=_("state"))
    def state_display(self, obj):
        return ReviewLink.STATES[obj.state]

    @admin.action(description=_("Revoke selected reviewer links"), permissions=["change"])
    def revoke(self, request, queryset):
        changed = queryset.filter(revoked=False).update(revoked=True)
        self.message_user(
            request,
            ngettext("%(count)d reviewer link revoked.", "%(count)d reviewer links revoked.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )


class QuestionReviewLinks:
    """Question admin mixin: the read-only field ``review_links`` lists the question's links, each to its page,
    with a link that creates one for it."""

    @admin.display(description=_("reviewer links"))
    def review_links(self, obj):
        if obj is None or obj.pk is None:
            return _("Save the question first.")
        links = format_html_join(
            "",
            '<li><a href="{}">{}</a>: {}</li>',
            (
                (
                    reverse("admin:qa_reviewlink_change", args=[link.pk]),
                    link.get_language_display(),
                    ReviewLink.STATES[link.state],
                )
                for link in obj.review_links.all()
            ),
        )
        create = reverse("admin:qa_reviewlink_add") + "?" + urlencode({"question": obj.pk})
        return format_html(
            '<ul class="review-links">{}</ul><a class="addlink" href="{}">{}</a>',
            links,
            create,
            _("Create a reviewer link"),
        )
