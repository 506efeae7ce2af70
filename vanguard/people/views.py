"""Organization pages: the tree the viewer may see, one node with its children and members."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_POST

from vanguard.access import audit
from vanguard.access.ratelimit import client_address
from vanguard.people import selectors
from vanguard.people.models import Organization


@login_required
def organizations(request):
    tops = selectors.top_organizations_for(request.user)
    if not tops:
        raise PermissionDenied
    return render(request, "people/organizations.html", {"tops": tops})


@login_required
def organization_detail(request, code):
    organization = selectors.get_organization_for(request.user, code)
    members = Paginator(selectors.members_of(organization), 50).get_page(request.GET.get("page"))
    return render(request, "people/organization_detail.html", {
        "organization": organization,
        "children": selectors.children_with_counts(organization),
        "ancestors": [a for a in Organization.objects.get_ancestors(organization)
                      if request.user.has_perm("people.view_organization", a)],
        "page": members,
        "public_count": selectors.public_of(organization).count(),
        "can_import": request.user.has_perm("people.import_roster", organization),
        "can_view_team": selectors.is_school_top(organization)
        and request.user.has_perm("people.view_team", organization),
    })


@login_required
def person_detail(request, pk):
    person, organization = selectors.get_person_for(request.user, pk)
    return render(request, "people/person_detail.html", {
        "person": person, "organization": organization, "id_number": None,
        "can_reveal": request.user.has_perm("people.view_id_number", organization),
    })


@login_required
@require_POST
def reveal_id_number(request, pk):
    """The full ID number, once, on request: every view is in the audit log."""
    person, organization = selectors.get_person_for(request.user, pk)
    if not request.user.has_perm("people.view_id_number", organization):
        raise PermissionDenied
    audit.record(actor=request.user, action="people.id_number.viewed", target=person,
                 address=client_address(request) or None)
    response = render(request, "people/person_detail.html", {
        "person": person, "organization": organization, "id_number": person.id_number(),
        "can_reveal": True,
    })
    response["Cache-Control"] = "no-store"
    return response
