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
