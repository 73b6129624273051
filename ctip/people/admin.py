from django.contrib import admin

from .models import Attendance, Person


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["event", "organisation"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "romanised_name", "sex", "country_of_origin", "organisation"]
    list_filter = ["program", "sex", "country_of_origin"]
    search_fields = ["full_name", "romanised_name"]
    raw_id_fields = ["organisation"]
    inlines = [AttendanceInline]
