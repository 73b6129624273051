from django.urls import path

from . import views

urlpatterns = [
    path("r/<str:token>/", views.register, name="register"),
    path("r/<str:token>/thanks/", views.thanks, name="register-thanks"),
    path(
        "events/<int:event_id>/registration/",
        views.registration_settings,
        name="registration-settings",
    ),
    path(
        "events/<int:event_id>/registration/qr.svg", views.registration_qr, name="registration-qr"
    ),
    path(
        "events/<int:event_id>/registration/print/",
        views.registration_print,
        name="registration-print",
    ),
]
