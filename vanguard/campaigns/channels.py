"""Delivery channels of the daily notification digest: email built in, and the extension
point for a deployment's SMS or WeChat gateway (listed in VANGUARD_NOTIFICATION_CHANNELS).

In-app notifications are not a channel: they are always on (the Notification rows)."""

import json
import logging
import urllib.request
from functools import cache

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DEFAULT_CHANNELS = ["vanguard.campaigns.channels.EmailChannel"]

log = logging.getLogger(__name__)


class Channel:
    """One way a digest reaches a person. Subclasses set `key` (stored in the person's
    preference rows, at most 40 characters), `label`, `default_on`, and implement `address`
    and `send`. `send` is called after the transaction that marked the notifications as
    digested has committed: it must not raise for one person's failure (log it instead),
    so that everyone else still gets theirs."""

    key = ""
    label = ""
    default_on = False

    def address(self, person) -> str:
        """Where this person is reached ('' when the channel cannot reach them)."""
        raise NotImplementedError

    def send(self, person, address: str, subject: str, body: str) -> None:
        raise NotImplementedError


class EmailChannel(Channel):
    """Email to the address of the person's user account, through Django's EMAIL_BACKEND
    (SMTP in production; the console backend in the demo prints the mail)."""

    key = "email"
    label = gettext_lazy("Email")
    default_on = True

    def address(self, person) -> str:
        user = person.user
        return (user.email or "") if user is not None else ""

    def send(self, person, address, subject, body) -> None:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address], fail_silently=True)


class GatewayChannelTemplate(Channel):
    """A template for an SMS or WeChat gateway: copy it into the deployment's own module,
    set `key` and `label`, and list its dotted path in VANGUARD_NOTIFICATION_CHANNELS.

    It posts {"to": ..., "subject": ..., "text": ...} as JSON to the address in the setting
    VANGUARD_GATEWAY_URL with the bearer token VANGUARD_GATEWAY_TOKEN; the person's phone
    (Person.phone) is the address. Most Chinese SMS providers (and an enterprise WeChat
    relay) accept a small HTTP call like this one; change `send` to the provider's shape.
    It is not enabled anywhere and needs no package."""

    key = "gateway"
    label = gettext_lazy("Text message")
    default_on = False
    timeout = 10

    def address(self, person) -> str:
        return person.phone or ""

    def send(self, person, address, subject, body) -> None:
        url = getattr(settings, "VANGUARD_GATEWAY_URL", "")
        if not url:
            return
        payload = json.dumps({"to": address, "subject": subject,
                              "text": body[:500]}).encode()
        request = urllib.request.Request(url, data=payload, method="POST", headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {getattr(settings, 'VANGUARD_GATEWAY_TOKEN', '')}"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout):  # noqa: S310
                pass
        except OSError:
            log.warning("gateway %s did not take the digest for person %s", self.key, person.pk)


@cache
def _load(paths: tuple[str, ...]) -> tuple[Channel, ...]:
    channels = tuple(import_string(path)() for path in paths)
    keys = [c.key for c in channels]
    if len(set(keys)) != len(keys) or not all(keys):
        raise ValueError(_("Each notification channel needs its own key."))
    return channels


def channels() -> tuple[Channel, ...]:
    """The channels the settings list, in their order (email when the setting is absent)."""
    return _load(tuple(getattr(settings, "VANGUARD_NOTIFICATION_CHANNELS", DEFAULT_CHANNELS)))
