"""Acts on opinion solicitations, one function per act (see the modules of this package)."""

from gongkai.solicitation.services.commenting import (
    decide_comment,
    decide_group,
    group_comments,
    register_comment,
    submit_comment,
)
from gongkai.solicitation.services.common import PUBLIC
from gongkai.solicitation.services.drafting import (
    attach_file,
    create_solicitation,
    extend_period,
    link_final_item,
    publish_solicitation,
    remove_attachment,
    update_solicitation,
)
from gongkai.solicitation.services.reporting import publish_feedback, set_feedback_limit, write_note

__all__ = [
    "PUBLIC",
    "attach_file",
    "create_solicitation",
    "decide_comment",
    "decide_group",
    "extend_period",
    "group_comments",
    "link_final_item",
    "publish_feedback",
    "publish_solicitation",
    "register_comment",
    "remove_attachment",
    "set_feedback_limit",
    "submit_comment",
    "update_solicitation",
    "write_note",
]
