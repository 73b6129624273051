from django.contrib import admin

from .models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "start_date", "country", "event_type", "project"]
    list_filter = ["program", "event_type", "country", "modality"]
    search_fields = ["code", "title"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["lead_partner", "co_organisers"]
