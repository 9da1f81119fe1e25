"""A change of an agency's contacts publishes a new version of its 政府信息公开指南, if it has one."""

from __future__ import annotations


def agency_saved(sender, instance, created, raw=False, **kwargs):
    """post_save of Agency: inside the act that changed it (its transaction), as the system."""
    if created or raw or not instance.active:
        return
    from gongkai.applications import disclosure_guide, services
    from gongkai.core.system import SYSTEM

    if disclosure_guide.outdated(instance):
        services.publish_guide(instance, actor=SYSTEM)
