"""Rate limits kept in the cache only (never in the database): a fixed window per key."""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _


def hit(key: str, *, limit: int, seconds: int) -> bool:
    """Count one request for `key`; False once more than `limit` came within the window."""
    cache_key = f"ratelimit:{key}"
    # add() starts the window only if it is not running; incr() is atomic in Redis.
    cache.add(cache_key, 0, timeout=seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the window ended between add and incr
        cache.set(cache_key, 1, timeout=seconds)
        count = 1
    return count <= limit


def client_address(request) -> str:
    """The client's address. Behind `PROXY_COUNT` trusted reverse proxies (nginx …) it is the
    entry of X-Forwarded-For that the outermost trusted proxy saw; counted from the right,
    because a client can put anything at the left. Without proxies, REMOTE_ADDR."""
    count = getattr(settings, "PROXY_COUNT", 0)
    if count > 0:
        forwarded = [part.strip() for part in
                     request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def rate_limited(scope: str, *, limit_setting: str, seconds: int, methods=("POST",)):
    """Refuse with 429 and a clear page when one address sends too many requests; the limit
    is the setting named, read on each request so that a deploy can change it."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            limit = getattr(settings, limit_setting)
            if request.method in methods and not hit(f"{scope}:{client_address(request)}",
                                                     limit=limit, seconds=seconds):
                return render(request, "web/error.html", {
                    "title": _("Too many attempts"),
                    "text": _("Too many requests came from your address. Wait a few minutes "
                              "and try again."),
                }, status=429)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
