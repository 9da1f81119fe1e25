"""Issuing and revoking API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from gongkai.api.models import ApiToken
from gongkai.audit.services import record, service
from gongkai.core.errors import Forbidden

HELPERS = ("hash_token",)
TOKEN_PREFIX = "gk_"  # noqa: S105 (a visible marker, not a secret)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@service
def issue_token(user, *, actor, name: str = "") -> str:
    """Create a token for ``user`` and return the secret (shown once, never stored)."""
    if actor is not None and actor.pk != user.pk and not actor.is_superuser:
        raise Forbidden("forbidden", "只能为本人签发访问令牌")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=raw[:10], key_hash=hash_token(raw))
    record(
        actor=actor,
        action="api_token.issue",
        obj=token,
        summary=f"为{user.get_username()}签发访问令牌 {token.prefix}…",
        data={"user": user.get_username()},
    )
    return raw


@service
def revoke_token(token: ApiToken, *, actor) -> ApiToken:
    """Stop a token from working; the row stays for the record."""
    if actor.pk != token.user_id and not actor.is_superuser:
        raise Forbidden("forbidden", "只能吊销本人的访问令牌")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(actor=actor, action="api_token.revoke", obj=token, summary=f"吊销访问令牌 {token.prefix}…")
    return token
