from django.urls import path

from . import views

urlpatterns = [
    path("imports/", views.import_list, name="import-list"),
    path("imports/preview/", views.import_preview, name="import-preview"),
    path("imports/confirm/", views.import_confirm, name="import-confirm"),
    path("imports/cancel/", views.import_cancel, name="import-cancel"),
    path("imports/progress/", views.import_progress, name="import-progress"),
    path("imports/<int:record_id>/", views.import_detail, name="import-detail"),
    path("imports/<int:record_id>/rollback/", views.import_rollback, name="import-rollback"),
    path("imports/template/<str:kind>.xlsx", views.import_template, name="import-template"),
    path("imports/xlsform/attendance.xlsx", views.import_xlsform, name="import-xlsform"),
    path(
        "imports/xlsform/feedback.xlsx",
        views.import_feedback_xlsform,
        name="import-feedback-xlsform",
    ),
]
