from django.conf import settings


def portal(request):
    match = getattr(request, "resolver_match", None)
    return {
        "SITE_URL": settings.SITE_URL,
        "GECOLIB_REQUIRE_MFA": settings.GECOLIB_REQUIRE_MFA,
        # For the navigation's aria-current; empty on error pages (no match).
        "nav_url_name": match.url_name if match else "",
        "nav_namespace": match.namespace if match else "",
    }
