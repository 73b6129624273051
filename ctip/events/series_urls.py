from django.urls import path

from . import series_views

urlpatterns = [
    path("", series_views.series_list, name="series-list"),
    path("<slug:code>/", series_views.series_detail, name="series-detail"),
]
