from django.contrib import admin

from ctip.security.reads import Kind, record_read

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

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200 and object_id.isdigit():
            record_read(request.user, Kind.PERSON, person_ids=[int(object_id)])
        return response
