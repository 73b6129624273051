from django.contrib import admin

from .models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "program", "role"]
    list_filter = ["program", "role"]
    filter_horizontal = ["countries"]
