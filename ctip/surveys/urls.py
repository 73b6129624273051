from django.urls import path

from . import views

urlpatterns = [
    path("r/<str:token>/feedback/", views.feedback, name="feedback"),
    path("r/<str:token>/feedback/thanks/", views.feedback_thanks, name="feedback-thanks"),
    path("s/<str:token>/", views.partner_survey, name="partner-survey"),
    path("s/<str:token>/thanks/", views.partner_survey_thanks, name="partner-survey-thanks"),
    path("surveys/", views.survey_index, name="survey-index"),
    path(
        "surveys/links/<int:link_id>/revoke/", views.survey_link_revoke, name="survey-link-revoke"
    ),
]
