"""``TextChoices`` for the models, derived from the pure vocabulary (labels are defined there once)."""

from gongkai.core.choices import text_choices
from gongkai.interaction import vocabulary

Kind = text_choices(vocabulary.Kind)
Channel = text_choices(vocabulary.Channel)
State = text_choices(vocabulary.State)
RejectReason = text_choices(vocabulary.RejectReason)
Rating = text_choices(vocabulary.Rating)
Action = text_choices(vocabulary.Action)
