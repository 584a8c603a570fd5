from django.conf import settings


def portal(request):
    return {"SITE_URL": settings.SITE_URL, "GECOLIB_REQUIRE_MFA": settings.GECOLIB_REQUIRE_MFA}
