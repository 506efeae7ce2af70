"""The roster pages: upload, preview and commit an import; download an export or passwords."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from vanguard.access import scope
from vanguard.people.errors import PeopleError
from vanguard.people.models import Organization
from vanguard.people.roster import uploads
from vanguard.people.roster.records import NewAccount
from vanguard.people.roster.upload_form import FILENAME_MAX, SpreadsheetUploadForm
from vanguard.people.roster.writing import passwords_workbook
from vanguard.people.services import export_roster, import_roster

SESSION_KEY = "people.roster_upload"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ACCOUNTS_MAX = 20000


class RosterUploadForm(SpreadsheetUploadForm):
    too_large_advice = gettext_lazy("Remove pictures and other sheets, or split the roster.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = gettext_lazy("Roster file (.xlsx or .csv)")


def _organization_for(user, code: str) -> Organization:
    """The organization if it lies in the user's scope; 404 otherwise, so existence never leaks."""
    organization = (scope.visible_organizations(user).select_related("school")
                    .filter(code=code[:32]).first())
    if organization is None:
        raise Http404
    return organization


def _require(user, perm: str, organization: Organization) -> None:
    if not user.has_perm(perm, organization):
        raise PermissionDenied


def _page(request, organization, **context):
    context.setdefault("form", RosterUploadForm())
    return render(request, "people/roster_import.html", {
        "organization": organization, "max_bytes": settings.UPLOAD_MAX_BYTES, **context})


@login_required
@require_http_methods(["GET", "POST"])
def roster_import(request, code):
    """GET: the upload form. POST a file: check it, writing nothing. POST commit: write it.
    POST passwords: the passwords just shown, as .xlsx."""
    organization = _organization_for(request.user, code)
    _require(request.user, "people.import_roster", organization)
    if request.method == "GET":
        return _page(request, organization)
    if "commit" in request.POST:
        return _commit(request, organization)
    if "passwords" in request.POST:
        return _passwords(request, organization)
    return _preview(request, organization)


def _preview(request, organization):
    form = RosterUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, organization, form=form)
    upload = form.cleaned_data["file"]
    uploads.discard((request.session.pop(SESSION_KEY, None) or {}).get("token"))
    token = uploads.stash(upload)
    try:
        result = import_roster(actor=request.user, organization=organization,
                               path_or_file=uploads.path_of(token), filename=upload.name,
                               dry_run=True)
    except PeopleError as exc:
        uploads.discard(token)
        form.add_error("file", exc.text)
        return _page(request, organization, form=form)
    if result.ok:
        # The commit reads this same file again; the session says which one and for where.
        request.session[SESSION_KEY] = {"token": token, "org": organization.code,
                                        "filename": upload.name[:FILENAME_MAX]}
    else:
        uploads.discard(token)
    return _page(request, organization, preview=result)


def _commit(request, organization):
    stashed = request.session.pop(SESSION_KEY, None) or {}
    path = uploads.path_of(stashed.get("token", ""))
    if stashed.get("org") != organization.code or path is None or not path.exists():
        uploads.discard(stashed.get("token"))
        messages.error(request, _("There is no checked file waiting to be imported here. "
                                  "Upload the file again."))
        return redirect("people:roster_import", organization.code)
    try:
        result = import_roster(actor=request.user, organization=organization,
                               path_or_file=path, filename=stashed.get("filename", ""))
    except PeopleError as exc:
        messages.error(request, exc.text)
        return redirect("people:roster_import", organization.code)
    finally:
        uploads.discard(stashed["token"])
    if not result.written:  # someone changed the people between preview and commit
        return _page(request, organization, preview=result)
    accounts = [[a.name, a.login, a.password] for a in result.accounts]
    response = _page(request, organization, result=result,
                     accounts_json=json.dumps(accounts, ensure_ascii=False))
    response["Cache-Control"] = "no-store"  # the page shows initial passwords
    return response


def _passwords(request, organization):
    """The passwords the page just showed, posted back: the server kept no copy of them."""
    accounts = _accounts_from(request.POST.get("passwords", ""))
    response = HttpResponse(passwords_workbook(accounts), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        True, f"passwords-{organization.code}.xlsx")
    response["Cache-Control"] = "no-store"
    return response


def _accounts_from(text: str) -> list[NewAccount]:
    try:
        rows = json.loads(text) if len(text) <= 4 * 2**20 else None
    except ValueError:
        rows = None
    if not isinstance(rows, list) or len(rows) > ACCOUNTS_MAX or not all(
            isinstance(r, list) and len(r) == 3
            and all(isinstance(v, str) and len(v) <= 150 for v in r) for r in rows):
        raise BadRequest  # not what our own page posts
    return [NewAccount(name=n, login=login, password=p) for n, login, p in rows]


@login_required
@require_GET
def roster_export(request, code):
    """The roster as .xlsx; `?id_numbers=1` adds ID numbers for those who may import."""
    organization = _organization_for(request.user, code)
    _require(request.user, "people.export_roster", organization)
    with_id_numbers = request.GET.get("id_numbers") == "1"
    if with_id_numbers:
        _require(request.user, "people.import_roster", organization)
    exported = export_roster(actor=request.user, organization=organization,
                             include_id_numbers=with_id_numbers)
    response = HttpResponse(exported.content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, exported.filename)
    response["Cache-Control"] = "no-store"
    return response
