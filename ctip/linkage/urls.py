from django.urls import path

from . import views

urlpatterns = [
    path("review/", views.review_queue, name="linkage-review"),
    path("review/<int:pair_id>/decide/", views.decide, name="linkage-decide"),
    path("people/<int:person_id>/", views.person_links, name="linkage-person"),
    path("people/<int:person_id>/split/<int:other_id>/", views.split, name="linkage-split"),
    path("events/<int:event_id>/undo/", views.undo, name="linkage-undo"),
]
