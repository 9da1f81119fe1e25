"""Static files: hashed and compressed after ``collectstatic``, plain names before it."""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's manifest storage that degrades to the plain name when a file has no manifest
    entry (``collectstatic`` not run yet): a page or /api/v1/docs then renders (WhiteNoise serves the
    file from the app through its finders) instead of failing with a 500."""

    def url(self, name, force=False):
        try:
            return super().url(name, force)
        except ValueError:
            return settings.STATIC_URL + name.lstrip("/")
