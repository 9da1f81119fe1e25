"""How the API writes JSON: UTF-8 with Chinese as it is, timestamps in China Standard Time."""

import datetime as dt

from django.utils import timezone
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder


class LocalTimeEncoder(NinjaJSONEncoder):
    """Timestamps in China Standard Time with an explicit offset (2026-02-10T09:30:00+08:00)."""

    def default(self, o):
        if isinstance(o, dt.datetime) and timezone.is_aware(o):
            return timezone.localtime(o).isoformat(timespec="seconds")
        return super().default(o)


class ChineseJSONRenderer(JSONRenderer):
    """UTF-8 JSON with Chinese characters as they are, not as \\u escapes."""

    encoder_class = LocalTimeEncoder
    json_dumps_params = {"ensure_ascii": False}
