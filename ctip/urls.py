from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from ctip.reports import views_factsheet
from ctip.web import views

admin.site.site_header = "CTIP MERL administration"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("events/", views.event_list, name="event-list"),
    path("events/<int:event_id>/", views.event_detail, name="event-detail"),
    path("people/", views.person_list, name="person-list"),
    path("people/<int:person_id>/", views.person_detail, name="person-detail"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", views.healthz, name="healthz"),
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
    path("admin/", admin.site.urls),
]
