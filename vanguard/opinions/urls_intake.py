"""URLs of opinion intake: the public form and receipts (no login), the logged-in form, and
the staff pages of one intake."""

from django.urls import path

from vanguard.opinions.views import intake

urlpatterns = [
    # No login: the receipt lookup, then the public form behind the intake's random key.
    path("public/receipt/", intake.receipt, name="receipt"),
    path("public/<str:form_key>/", intake.public_form, name="public_form"),
    # A logged-in user's own form, and the intakes a staff member runs in a campaign.
    path("<int:campaign>/give/", intake.give, name="give"),
    path("<int:campaign>/intake/", intake.intake_index, name="intake_index"),
    # One intake: the office's settings, typing in, symposia, the second check.
    path("intake/<int:pk>/", intake.intake_settings, name="intake"),
    path("intake/<int:pk>/settings/", intake.intake_toggle, name="intake_toggle"),
    path("intake/<int:pk>/form.docx", intake.form_docx, name="intake_form_docx"),
    path("intake/<int:pk>/enter/", intake.enter, name="enter"),
    path("intake/<int:pk>/symposia/", intake.symposia, name="symposia"),
    path("intake/<int:pk>/unconfirmed/", intake.unconfirmed, name="unconfirmed"),
    path("intake/<int:pk>/unconfirmed/<uuid:opinion>/confirm/", intake.confirm,
         name="confirm"),
]
