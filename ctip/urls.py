from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ctip.accounts import urls as account_urls
from ctip.events import views as event_views
from ctip.imports import urls as import_urls
from ctip.linkage import urls as linkage_urls
from ctip.organisations import views as organisation_views
from ctip.people import views as people_views
from ctip.registration import urls as registration_urls
from ctip.reports import views as report_views
from ctip.reports import views_factsheet
from ctip.security import views as security_views
from ctip.surveys import urls as survey_urls
from ctip.web import views

admin.site.site_header = "CTIP MERL administration"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("events/", views.event_list, name="event-list"),
    path("events/<int:event_id>/", views.event_detail, name="event-detail"),
    path("events/new/", event_views.event_create, name="event-create"),
    path("events/<int:event_id>/edit/", event_views.event_edit, name="event-edit"),
    path(
        "events/<int:event_id>/attendance/add/",
        people_views.attendance_add,
        name="attendance-add",
    ),
    path(
        "events/<int:event_id>/attendance/<int:attendance_id>/remove/",
        people_views.attendance_remove,
        name="attendance-remove",
    ),
    *registration_urls.urlpatterns,
    *survey_urls.urlpatterns,
    path("people/", views.person_list, name="person-list"),
    path("people/<int:person_id>/", views.person_detail, name="person-detail"),
    path("reports/", report_views.report_list, name="report-list"),
    path("reports/factsheet/", views_factsheet.factsheet_index, name="factsheet-index"),
    path(
        "reports/factsheet/<str:country>/",
        views_factsheet.factsheet_page,
        name="factsheet",
    ),
    path(
        "reports/factsheet/<str:country>.pdf",
        views_factsheet.factsheet_pdf,
        name="factsheet-pdf",
    ),
    path("reports/<slug:name>/", report_views.report_page, name="report"),
    path(
        "reports/<slug:name>/download/<slug:fmt>/",
        report_views.report_download,
        name="report-download",
    ),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/second-factor/", security_views.second_factor, name="second-factor"),
    path("accounts/sessions/", security_views.session_list, name="session-list"),
    path(
        "accounts/second-factor/enrol/",
        security_views.second_factor_enrol,
        name="second-factor-enrol",
    ),
    path("results/", include("ctip.results.urls")),
    path("program/", include("ctip.programs.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("people/<int:person_id>/forget/", views.person_forget, name="person-forget"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(template_name="web/password_change.html"),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="web/password_change_done.html"),
        name="password_change_done",
    ),
    path("admin/", admin.site.urls),
    *account_urls.urlpatterns,
    *import_urls.urlpatterns,
    path("linkage/", (linkage_urls.urlpatterns, None, None)),
    path("frameworks/", include("ctip.frameworks.urls")),
    path("cases/", include("ctip.cases.urls")),
    path(
        "organisations/unconfirmed/",
        organisation_views.unconfirmed,
        name="organisations-unconfirmed",
    ),
    path(
        "organisations/<int:organisation_id>/confirm/",
        organisation_views.confirm,
        name="organisation-confirm",
    ),
]

# A server error shows a plain page with an incident reference the log line also carries.
handler500 = "ctip.web.languages.server_error"  # ctip.security.errors in the page's language
handler400 = "ctip.web.languages.bad_request"
handler403 = "ctip.web.languages.permission_denied"
handler404 = "ctip.web.languages.page_not_found"
