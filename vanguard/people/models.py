"""The organization tree, schools and their departments, persons, members and leadership teams."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from treebeard.mp_tree import MP_Node

from vanguard.core.models import TimeStamped
from vanguard.people import identity


class School(TimeStamped):
    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("school")

    def __str__(self) -> str:
        return self.name


class Organization(MP_Node, TimeStamped):
    """A node of the party-organization tree; a subtree is one indexed prefix query on `path`."""

    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("Party committee")
        GENERAL_BRANCH = "general_branch", _("General branch")
        BRANCH = "branch", _("Branch")

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    school = models.ForeignKey(
        School, verbose_name=_("school"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="organizations",
    )

    node_order_by = ["code"]

    class Meta:
        verbose_name = _("party organization")

    def __str__(self) -> str:
        return self.name

    def subtree_q(self, prefix: str = "") -> Q:
        """A filter for rows whose organization (reached through `prefix`) lies in this subtree."""
        return Q(**{f"{prefix}path__startswith": self.path})


class Department(TimeStamped):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="departments")
    name = models.CharField(_("name"), max_length=60)
    head = models.ForeignKey(
        "Person", verbose_name=_("head"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="headed_departments",
    )

    class Meta:
        ordering = ["school", "name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "name"], name="department_unique_name")
        ]
        verbose_name = _("department")

    def __str__(self) -> str:
        return self.name


class Person(TimeStamped):
    """Anyone the campaign touches; a person with a `Member` row is a party member."""

    class Category(models.TextChoices):
        TEACHER = "teacher", _("Teacher")
        STAFF = "staff", _("Staff")
        STUDENT = "student", _("Student")
        GRADUATE = "graduate", _("Graduate")
        RETIRED = "retired", _("Retired")
        PARENT = "parent", _("Parent")

    class Gender(models.TextChoices):
        MALE = "M", _("Male")
        FEMALE = "F", _("Female")

    name = models.CharField(_("name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    # The ID number is kept encrypted; the keyed hash lets an import find the person again.
    id_number_encrypted = models.TextField(blank=True, editable=False)
    id_number_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, db_index=True)
    staff_no = models.CharField(_("staff or student number"), max_length=32, blank=True,
                                db_index=True)
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    school = models.ForeignKey(School, verbose_name=_("school"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="people")
    # The department (教务处 …) the person works in; always one of their school's departments
    # (checked by `clean` and by the roster import, since it spans two rows).
    department = models.ForeignKey(Department, verbose_name=_("department"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="staff")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="person")

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["id_number_hash"], condition=~Q(id_number_hash=""),
                                    name="person_unique_id_number"),
            models.UniqueConstraint(fields=["school", "staff_no"], condition=~Q(staff_no=""),
                                    name="person_unique_staff_no"),
        ]
        verbose_name = _("person")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.department_id and self.department.school_id != self.school_id:
            raise ValidationError({"department": _(
                "The department must be one of the person's school's departments.")})

    def set_id_number(self, value: str) -> None:
        self.id_number_encrypted = identity.encrypt(value) if value else ""
        self.id_number_hash = identity.keyed_hash(value) if value else ""

    def id_number(self) -> str:
        return identity.decrypt(self.id_number_encrypted) if self.id_number_encrypted else ""

    def id_number_masked(self) -> str:
        return identity.mask_id_number(self.id_number())

    def phone_masked(self) -> str:
        return identity.mask_phone(self.phone)


class Member(TimeStamped):
    """A party member and where the membership (组织关系) is registered."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="member")
    organization = models.ForeignKey(Organization, verbose_name=_("branch"),
                                     on_delete=models.PROTECT, related_name="members")
    joined_on = models.DateField(_("joined the party on"), null=True, blank=True)
    relation_retained = models.BooleanField(
        _("relation retained at school"), default=False,
        help_text=_("A graduate whose organizational relation stays at the school."))
    in_city = models.BooleanField(_("lives in the school's city"), null=True, blank=True)

    class Meta:
        verbose_name = _("member")

    def __str__(self) -> str:
        return str(self.person)


class Activist(TimeStamped):
    """An applicant for membership; invited to the mobilization meeting."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="activist")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="activists")

    class Meta:
        verbose_name = _("activist")


class LeadershipTeam(TimeStamped):
    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="team")

    class Meta:
        verbose_name = _("leadership team")

    def __str__(self) -> str:
        return str(self.school)


class Leader(TimeStamped):
    """A member of a school's leadership team and the departments they oversee (分管)."""

    team = models.ForeignKey(LeadershipTeam, on_delete=models.CASCADE, related_name="leaders")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="leader_posts")
    title = models.CharField(pgettext_lazy("post held", "title"), max_length=40)
    is_principal = models.BooleanField(_("principal leader"), default=False)
    departments = models.ManyToManyField(Department, blank=True, related_name="overseers",
                                         verbose_name=_("departments overseen"))

    class Meta:
        ordering = ["-is_principal", "id"]
        constraints = [
            models.UniqueConstraint(fields=["team", "person"], name="leader_unique_person")
        ]
        verbose_name = _("leader")

    def __str__(self) -> str:
        return f"{self.person} ({self.title})"
