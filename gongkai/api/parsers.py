"""How the API reads a request body: JSON, or the fields of a form sent to the same endpoint."""

from __future__ import annotations

from ninja.parser import Parser

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class JsonOrFormParser(Parser):
    """JSON as ninja reads it; a form body (what ``curl -F`` or a bare test-client ``post(url)``
    sends) is taken field by field, so an empty form is an empty body, not unparseable JSON."""

    def parse_body(self, request):
        if request.content_type in FORM_TYPES:
            return request.POST.dict()
        return super().parse_body(request)
