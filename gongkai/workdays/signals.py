"""``calendar_changed``: the calendar moved under the dates computed on it.

Sent inside the transaction of every calendar edit (``services``), after the revision token moved,
with ``region`` ("" for the national calendar, which every agency counts on) and ``since``: the
earliest date whose kind changed or whose year became confirmed. Apps that cache dates computed on
the calendar — an application's or a message's 答复期限, an item's 应公开日期, and whether each was
late — recompute the records whose clock may reach ``since``, in the same transaction, so the
lists, reminders and the annual report never wait for someone to run a rebuild command: confirming
next year's schedule in December gives every open application its deadline at once.
"""

from django.dispatch import Signal

calendar_changed = Signal()
