from django.conf import settings
from django.core.cache import cache

from gongkai.agencies.selectors import root_government
from gongkai.portal.frame import frame

CACHE_KEY = "portal:site"


def site_identity() -> dict:
    """Name and contacts of the government the portal belongs to (cached briefly)."""
    identity = cache.get(CACHE_KEY)
    if identity is None:
        government = root_government()
        identity = {
            "name": government.name if government else settings.GONGKAI_SITE_NAME,
            "code": government.code if government else "",
            "address": government.address if government else "",
            "phone": government.phone if government else "",
            "email": government.email if government else "",
            "office_hours": government.office_hours if government else "",
        }
        cache.set(CACHE_KEY, identity, 60)
    return identity


def site(request):
    identity = site_identity()
    return {"site": identity, "frame": frame(identity["name"])}
