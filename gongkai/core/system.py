"""The actor of management commands and scheduled work.

An explicit object rather than ``None``: a bug that passes no actor must not gain any rights,
while ``SYSTEM`` (used only by trusted command-line operations) acts with full rights and is
recorded in the audit trail as "system".
"""


class SystemActor:
    pk = None
    id = None
    is_active = True
    is_superuser = True
    is_staff = True
    is_authenticated = True
    is_anonymous = False
    username = "system"

    def get_username(self) -> str:
        return "system"

    def __str__(self) -> str:
        return "system"


SYSTEM = SystemActor()
