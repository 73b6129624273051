from django.urls import path

from . import views

urlpatterns = [
    path("", views.grant_list, name="grant-list"),
    path("counting/", views.counting, name="grant-counting"),
    path("reports/<int:report_id>/", views.report_detail, name="grant-report"),
    path("reports/<int:report_id>/save/", views.report_save, name="grant-report-save"),
    path("reports/<int:report_id>/review/", views.report_review, name="grant-report-review"),
    path("reports/<int:report_id>/evidence/", views.evidence_add, name="grant-evidence-add"),
    path("evidence/<int:evidence_id>/", views.evidence_file, name="grant-evidence"),
    path("<slug:code>/", views.grant_detail, name="grant-detail"),
]
