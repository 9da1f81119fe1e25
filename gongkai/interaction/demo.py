"""Demo messages in every state for the demo agencies, dated relative to today."""


def load(context) -> None:
    return None
