from django.urls import path

from . import views

urlpatterns = [
    path("", views.elearning_index, name="elearning"),
    path("counting/", views.counting, name="elearning-counting"),
]
