from django.contrib import admin

from .models import Outcome, Program, Project


class ProjectInline(admin.TabularInline):
    model = Project
    extra = 0


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "fiscal_year_start_month"]
    inlines = [ProjectInline]


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "program", "title", "parent"]
    list_filter = ["program", "level"]
