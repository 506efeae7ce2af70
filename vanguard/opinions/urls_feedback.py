"""URLs of feedback (如实反馈): the office's release page, the subject's pages, the Word sheet."""

from django.urls import path

from vanguard.opinions.views import feedback

urlpatterns = [
    path("<int:campaign>/release/", feedback.release_page, name="release"),
    path("<int:campaign>/release/subject/", feedback.release_subject, name="release_subject"),
    path("<int:campaign>/release/branch/<int:branch>/", feedback.release_branch,
         name="release_branch"),
    path("<int:campaign>/feedback/", feedback.my_feedback, name="my_feedback"),
    path("feedback/<int:pk>/", feedback.feedback_detail, name="feedback"),
    path("feedback/<int:pk>.docx", feedback.feedback_word, name="feedback_word"),
    path("feedback/<int:pk>/acknowledge/", feedback.feedback_acknowledge,
         name="feedback_acknowledge"),
    path("feedback/opinion/<uuid:pk>/read/", feedback.opinion_read, name="opinion_read"),
    path("feedback/opinion/<uuid:pk>/respond/", feedback.opinion_respond,
         name="opinion_respond"),
]
