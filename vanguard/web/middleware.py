"""Chooses the interface language: the user's own choice (cookie), else zh-hans.

Django's LocaleMiddleware would follow the browser's Accept-Language; school computers and
phones are often set to English while their users read Chinese, so only an explicit switch
changes the language.
"""

from django.conf import settings
from django.utils import translation


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # override() puts the previous language back afterwards, so a request never leaves
        # its language behind in the thread for the next piece of work.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
