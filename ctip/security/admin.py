from django.contrib import admin

from .models import PersonalDataRead


@admin.register(PersonalDataRead)
class PersonalDataReadAdmin(admin.ModelAdmin):
    """Who read which person's record: for superusers (administrators), read-only."""

    list_display = ["at", "username", "via", "kind", "person_id", "event_id", "count"]
    list_filter = ["kind", "via", "at"]
    search_fields = ["username", "=person_id", "=event_id"]
    date_hierarchy = "at"

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
