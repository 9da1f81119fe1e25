"""``TextChoices`` for the models, derived from the pure vocabulary (labels are defined there once)."""

from django.db import models

from gongkai.interaction import vocabulary


def text_choices(enum: type[vocabulary.Labelled]) -> type[models.TextChoices]:
    return models.TextChoices(enum.__name__, [(member.name, (member.value, member.label)) for member in enum])


Kind = text_choices(vocabulary.Kind)
Channel = text_choices(vocabulary.Channel)
State = text_choices(vocabulary.State)
RejectReason = text_choices(vocabulary.RejectReason)
Rating = text_choices(vocabulary.Rating)
Action = text_choices(vocabulary.Action)
