from django.contrib import admin

from .models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "type", "is_opd", "country", "confirmed"]
    list_filter = ["confirmed", "type", "is_opd", "country"]
    search_fields = ["name", "acronym"]
