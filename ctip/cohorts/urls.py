from django.urls import path

from . import views

urlpatterns = [
    path("", views.cohort_list, name="cohort-list"),
    path("<slug:code>/", views.cohort_detail, name="cohort-detail"),
]
