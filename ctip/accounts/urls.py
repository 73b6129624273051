from django.urls import path

from . import views

urlpatterns = [
    path("accounts/invitations/", views.invitation_list, name="invitation-list"),
    path(
        "accounts/invitations/<int:user_id>/send-again/",
        views.invitation_send_again,
        name="invitation-send-again",
    ),
    path("accounts/invitation/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("accounts/email/", views.email_change, name="email-change"),
    path(
        "accounts/email/confirm/<str:token>/",
        views.email_change_confirm,
        name="email-change-confirm",
    ),
    # "Forgot your password?": Django's views with our form (mail in the user's language,
    # throttled) and pages; the names are Django's, which its views expect.
    path("accounts/password/reset/", views.password_reset, name="password_reset"),
    path("accounts/password/reset/sent/", views.password_reset_done, name="password_reset_done"),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        views.password_reset_complete,
        name="password_reset_complete",
    ),
]
