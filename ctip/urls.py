from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from ctip.linkage import urls as linkage_urls
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
    path("admin/", admin.site.urls),
    path("linkage/", (linkage_urls.urlpatterns, None, None)),
]
