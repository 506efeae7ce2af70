"""Helpers of the coverage tests: graduates whose relation stays at the school, a report file."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.builders import make_member
from vanguard.people.models import Member

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def graduate(branch, name: str, *, in_city=None) -> Member:
    person = make_member(name, branch, category="graduate")
    Member.objects.filter(person=person).update(relation_retained=True, in_city=in_city)
    return Member.objects.select_related("person", "organization").get(person=person)


def member_of(person) -> Member:
    return Member.objects.select_related("person", "organization").get(person=person)


def pdf(name="report.pdf", content=PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")
