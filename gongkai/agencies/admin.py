"""Admin for reference data. Every save goes through the services, so it is checked and audited."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import transaction

from gongkai.agencies import services
from gongkai.agencies.models import Agency, Membership
from gongkai.core.errors import DomainError


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "parent", "index_prefix", "active", "merged_into")
    list_filter = ("kind", "active")
    search_fields = ("name", "code")
    readonly_fields = ("merged_into", "merged_on", "active")

    def get_readonly_fields(self, request, obj=None):
        # The code is part of URLs and index numbers; the parent changes through move_agency.
        return (*self.readonly_fields, "code", "parent") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        fields = {
            name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS if name in form.cleaned_data
        }
        try:
            if change:
                changed = {name: value for name, value in fields.items() if name in form.changed_data}
                if changed:
                    services.update_agency(Agency.objects.get(pk=obj.pk), actor=request.user, **changed)
            else:
                name = fields.pop("name")
                kind = fields.pop("kind")
                prefix = fields.pop("index_prefix")
                created = services.create_agency(
                    actor=request.user,
                    code=obj.code,
                    name=name,
                    parent=form.cleaned_data.get("parent"),
                    index_prefix=prefix,
                    kind=kind,
                    **fields,
                )
                obj.pk = created.pk
        except DomainError as error:
            messages.error(request, error.message)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "agency", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "agency__name")
    autocomplete_fields = ("agency",)

    def save_model(self, request, obj, form, change):
        try:
            created = services.set_membership(
                actor=request.user, user=obj.user, agency=obj.agency, role=obj.role
            )
            obj.pk = created.pk
        except DomainError as error:
            messages.error(request, error.message)

    def delete_model(self, request, obj):
        services.remove_membership(obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            services.remove_membership(membership, actor=request.user)


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class AuditedUserAdmin(UserAdmin):
    """Django's user admin, with every save audited; accounts are switched off, never deleted
    (their acts stay attributed in the audit trail)."""

    def save_model(self, request, obj, form, change):
        services.save_account(obj, actor=request.user, changed=form.changed_data)

    def has_delete_permission(self, request, obj=None):
        return False

    def user_change_password(self, request, id, form_url=""):
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                user = get_user_model().objects.get(pk=unquote(id))
                services.note_password_set(user, actor=request.user)
        return response
