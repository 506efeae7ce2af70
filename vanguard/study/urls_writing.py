"""URLs of study: the reading list, reading notes and reflections, and their review."""

from django.urls import path

from vanguard.study.views import reading, writing

urlpatterns = [
    # A member's reading list, and marking one reading read (or not).
    path("reading/<int:campaign>/", reading.reading_list, name="reading"),
    path("reading/items/<int:pk>/mark/", reading.mark, name="reading_mark"),
    # The campaign office's editor of the list.
    path("reading/<int:campaign>/list/", reading.reading_items, name="reading_items"),
    path("reading/<int:campaign>/list/seed/", reading.load_seed, name="reading_seed"),
    path("reading/items/<int:pk>/edit/", reading.item_update, name="reading_item_update"),
    path("reading/items/<int:pk>/remove/", reading.item_remove, name="reading_item_remove"),
    # A member's notes and reflections; `kind` is "note" or "reflection".
    path("writing/<int:campaign>/", writing.my_writing, name="my_writing"),
    path("writing/<int:campaign>/new/", writing.start, name="writing_new"),
    path("writing/<int:campaign>/review/", writing.queue, name="writing_queue"),
    path("writing/<slug:kind>/<int:pk>/", writing.detail, name="writing_detail"),
    path("writing/<slug:kind>/<int:pk>/edit/", writing.edit, name="writing_edit"),
    path("writing/<slug:kind>/<int:pk>/draft/", writing.autosave, name="writing_draft"),
    path("writing/<slug:kind>/<int:pk>/review/", writing.review, name="writing_review"),
    path("writing/<slug:kind>/<int:pk>/delete/", writing.delete, name="writing_delete"),
]
