"""``TextChoices`` for the models and forms, derived from the pure vocabulary
(``applications.vocabulary``: codes and labels are written there once)."""

from gongkai.applications import vocabulary
from gongkai.core.choices import text_choices

ApplicantType = text_choices(vocabulary.ApplicantType)
IdType = text_choices(vocabulary.IdType)
Channel = text_choices(vocabulary.Channel)
Format = text_choices(vocabulary.Format)
Delivery = text_choices(vocabulary.Delivery)
State = text_choices(vocabulary.State)
Outcome = text_choices(vocabulary.Outcome)
NotHeld = text_choices(vocabulary.NotHeld)
Action = text_choices(vocabulary.Action)
FeeMethod = text_choices(vocabulary.FeeMethod)
ReviewKind = text_choices(vocabulary.ReviewKind)
ReviewResult = text_choices(vocabulary.ReviewResult)
SignOff = text_choices(vocabulary.SignOff)

# Channels whose receipt date is known when the application is registered (Art. 31).
IMMEDIATE_CHANNELS = vocabulary.IMMEDIATE_CHANNELS
OPEN_STATES = vocabulary.OPEN_STATES
# Outcomes recorded by their own acts, never by a reply.
LAPSE_OUTCOMES = vocabulary.LAPSE_OUTCOMES
REPLY_OUTCOMES = vocabulary.REPLY_OUTCOMES
