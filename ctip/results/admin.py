from django.contrib import admin

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
