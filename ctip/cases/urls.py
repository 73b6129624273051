from django.urls import path

from . import views

urlpatterns = [
    path("", views.case_list, name="case-list"),
    path("new/", views.case_create, name="case-create"),
    path("<int:case_id>/", views.case_detail, name="case-detail"),
    path("<int:case_id>/edit/", views.case_edit, name="case-edit"),
    path("<int:case_id>/stage/", views.case_stage, name="case-stage"),
    path("<int:case_id>/screening/", views.case_screening, name="case-screening"),
    path("<int:case_id>/workers/", views.case_workers, name="case-workers"),
    path("<int:case_id>/consent/", views.case_consent, name="case-consent"),
    path(
        "<int:case_id>/consent/<int:consent_id>/withdraw/",
        views.consent_withdraw,
        name="case-consent-withdraw",
    ),
    path("<int:case_id>/referral/", views.referral_send, name="referral-send"),
    path("referrals/", views.referral_list, name="referral-list"),
    path("referrals/<int:referral_id>/", views.referral_detail, name="referral-detail"),
    path("audit/", views.audit, name="case-audit"),
    path("tables/", views.victims_tables, name="victims-tables"),
    path("break-glass/", views.break_glass, name="break-glass"),
    path("break-glass/<int:grant_id>/review/", views.break_glass_review, name="break-glass-review"),
]
