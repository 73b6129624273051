from django.contrib import admin

from .models import CountryPartnership


@admin.register(CountryPartnership)
class CountryPartnershipAdmin(admin.ModelAdmin):
    list_display = ["country", "program", "focal_point"]
    list_filter = ["program", "country"]
    autocomplete_fields = ["focal_point", "key_partners"]
