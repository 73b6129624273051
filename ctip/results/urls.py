from django.urls import path

from . import views

urlpatterns = [
    path("", views.overview, name="results-overview"),
    path("outcomes/<int:number>/rate/", views.rate, name="results-rate"),
    path("outcomes/<int:number>/approve/", views.approve, name="results-approve"),
    path("indicators/<str:code>/", views.indicator, name="results-indicator"),
    path("evidence/new/", views.add_evidence, name="results-add-evidence"),
]
