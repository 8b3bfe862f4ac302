from django.conf import settings
from django.utils import translation


class KoreanFirstLocaleMiddleware:
    """Activate the language the visitor chose with the switch, else Korean.

    Django's LocaleMiddleware would follow the browser's Accept-Language; Ieum is Korean
    first, so a visitor sees Korean until they pick English, whatever their browser says.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # `override` puts back whatever language was active before (none in a server
        # thread), so a request served inside a test does not change the test's language.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
