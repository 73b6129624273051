from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

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
]
