from django.urls import path

from . import views

urlpatterns = [
    path("", views.framework_list, name="framework-list"),
    path("load/", views.framework_load, name="framework-load"),
    path("reports/<int:report_id>/", views.report_detail, name="framework-report"),
    path("reports/<int:report_id>/review/", views.report_review, name="framework-report-review"),
    path(
        "reports/<int:report_id>/template.xlsx",
        views.report_template,
        name="framework-report-template",
    ),
    path("reports/<int:report_id>/upload/", views.report_upload, name="framework-report-upload"),
    path("reports/<int:report_id>/evidence/", views.evidence_add, name="framework-evidence-add"),
    path("evidence/<int:evidence_id>/", views.evidence_file, name="framework-evidence"),
    path("<slug:code>/", views.framework_detail, name="framework-detail"),
    path("<slug:code>/framework.yaml", views.framework_file, name="framework-file"),
    path("<slug:code>/rounds/", views.round_open, name="framework-round-open"),
    path("<slug:code>/rounds/<str:period>/", views.round_detail, name="framework-round"),
    path(
        "<slug:code>/rounds/<str:period>/dataValueSet.json",
        views.round_dhis2,
        name="framework-dhis2",
    ),
    path(
        "<slug:code>/indicators/<str:indicator>/",
        views.indicator_trend,
        name="framework-indicator",
    ),
]
