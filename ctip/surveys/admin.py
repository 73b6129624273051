from django.contrib import admin

from .models import Response, Statement, SurveyLink


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "program", "order", "active"]
    list_filter = ["program", "kind", "active"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "event", "answered_on", "agreed_to_be_quoted"]
    list_filter = ["program", "kind"]
    raw_id_fields = ["event"]


@admin.register(SurveyLink)
class SurveyLinkAdmin(admin.ModelAdmin):
    list_display = ["period_label", "kind", "program", "closes_on", "revoked", "created_by"]
    list_filter = ["program", "revoked"]
    readonly_fields = ["created_by", "created_at"]
