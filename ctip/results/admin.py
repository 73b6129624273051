from django.contrib import admin

from ctip.programs.admin import OutcomeAdmin
from ctip.programs.models import Outcome

from .models import Actual, Evidence, Indicator, OutcomeWording, StatusRating, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


class ActualInline(admin.TabularInline):
    model = Actual
    extra = 0
    exclude = ["entered_by"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "level", "computed_as", "aggregation"]
    list_filter = ["program", "level"]
    inlines = [TargetInline, ActualInline]


@admin.register(StatusRating)
class StatusRatingAdmin(admin.ModelAdmin):
    list_display = ["outcome", "period", "status", "state"]
    list_filter = ["period", "status", "state"]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "country", "date", "stage"]
    list_filter = ["program", "kind", "country", "stage"]
    filter_horizontal = ["outcomes"]
    raw_id_fields = ["events"]


admin.site.register(OutcomeWording)


class OutcomeWordingInline(admin.TabularInline):
    model = OutcomeWording
    extra = 1


class VersionedOutcomeAdmin(OutcomeAdmin):
    """The framework never rewrites history: once an outcome exists its original title is
    fixed; a new wording is added from a date on, and old periods keep the old one."""

    inlines = [OutcomeWordingInline]

    def get_readonly_fields(self, request, obj=None):
        return ("title", "level", "number") if obj is not None else ()


admin.site.unregister(Outcome)
admin.site.register(Outcome, VersionedOutcomeAdmin)
