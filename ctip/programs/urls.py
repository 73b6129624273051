from django.urls import path

from . import views

urlpatterns = [
    path("", views.settings_page, name="program-settings"),
    path("upload/", views.upload, name="program-upload"),
    path("download/<slug:fmt>/", views.download, name="program-download"),
    *[
        path(
            f"{section.name}/",
            views.section_page,
            {"section": section.name},
            name=f"program-{section.name}",
        )
        for section in views.SECTIONS
    ],
]
