"""What the campaign views share: turning a service error into a message."""

from django.contrib import messages

from vanguard.core.errors import VanguardError


def run_service(request, call, *, success: str) -> bool:
    """Call a service; show its error as a message (nothing was written), or `success`."""
    try:
        call()
    except VanguardError as exc:
        messages.error(request, exc.text)
        return False
    messages.success(request, success)
    return True
