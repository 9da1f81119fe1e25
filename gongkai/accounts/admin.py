"""No admin pages for authenticator devices: binding, replacing and resetting them are audited
acts (``accounts.services``), reached through the workbench and ``manage.py reset_two_factor``."""

import contextlib

from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

for model in (TOTPDevice, StaticDevice):
    with contextlib.suppress(NotRegistered):
        admin.site.unregister(model)
