"""Login with a phone number or a staff/student number, as well as the account's own name."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q


class LoginNameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password:
            return None
        login = username.strip()
        candidates = get_user_model().objects.filter(
            Q(username=login) | Q(person__phone=login) | Q(person__staff_no=login)
        ).distinct()[:5]
        # A staff number may repeat across schools: the password decides, and only one may fit.
        fitting = [u for u in candidates if u.check_password(password)]
        if len(fitting) == 1 and self.user_can_authenticate(fitting[0]):
            return fitting[0]
        return None


def account_login_name(request, credentials) -> str:
    """The key django-axes counts failures under: the account's own username.

    One account has several login names (phone, staff number, username); counting per typed
    name would give an attacker five guesses under each, and a success by phone would not
    clear failures typed under the staff number. A name shared by two accounts (a staff
    number used in two schools) stays as typed.
    """
    login = ((credentials or {}).get("username")
             or getattr(request, "POST", {}).get("username", "") or "").strip()
    names = list(get_user_model().objects.filter(
        Q(username=login) | Q(person__phone=login) | Q(person__staff_no=login))
        .values_list("username", flat=True).distinct()[:2])
    return names[0] if len(names) == 1 else login
