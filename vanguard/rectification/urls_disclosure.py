"""URLs of the disclosure: the office's pages, the lasting rules, and the public pages."""

from django.urls import path

from vanguard.rectification import views_disclosure as office
from vanguard.rectification import views_public as public

urlpatterns = [
    # The office: a school's snapshots (and publishing), one snapshot, its correction, the notice.
    path("<int:campaign>/disclosure/<str:code>/", office.disclosures, name="disclosures"),
    path("disclosure/<int:pk>/", office.disclosure_detail, name="disclosure"),
    path("disclosure/<int:pk>/correct/", office.disclosure_correct, name="disclosure_correct"),
    path("disclosure/<int:pk>/notice.docx", office.disclosure_notice, name="disclosure_notice"),
    # The register of lasting rules (长效机制).
    path("<int:campaign>/rules/<str:code>/", office.rules, name="rules"),
    path("rules/<int:pk>/edit/", office.rule_edit, name="rule_edit"),
    path("rules/<int:pk>/remove/", office.rule_remove, name="rule_remove"),
    # No login: the school's snapshots, one snapshot, its canonical JSON, a comment on an item.
    path("public/<str:code>/", public.public_index, name="public_index"),
    path("public/<str:code>/<int:number>/", public.public_detail, name="public_detail"),
    path("public/<str:code>/<int:number>/content.json", public.public_json, name="public_json"),
    path("public/<str:code>/<int:number>/comment/<int:item>/", public.public_comment,
         name="public_comment"),
]
