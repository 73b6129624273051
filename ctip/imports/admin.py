from django.contrib import admin

from .models import ImportRecord


@admin.register(ImportRecord)
class ImportRecordAdmin(admin.ModelAdmin):
    """Read-only: imports are made and rolled back through `ctip import` and /imports/."""

    list_display = [
        "pk",
        "created_at",
        "program",
        "kind",
        "file_name",
        "rows_added",
        "rows_changed",
        "rows_unchanged",
        "user",
        "rolled_back_at",
    ]
    list_filter = ["program", "kind"]
    exclude = ["added"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
