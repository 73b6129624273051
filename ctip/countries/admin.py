from django.contrib import admin

from .models import Country


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "alpha3", "is_asean_member", "member_since"]
    list_filter = ["is_asean_member"]
    search_fields = ["code", "name", "alpha3"]
