"""Values every template needs: the province's name and the page in the other language."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info


def portal(request):
    current_path = request.get_full_path()
    alternates = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate_url(current_path, code),
        }
        for code, _name in settings.LANGUAGES
    ]
    return {"province": settings.PORTAL_PROVINCE, "language_alternates": alternates}
