"""Published replies and public FAQs in full-text search (providers like the catalogue's).

A published message is indexed, in the transaction that publishes it, with its published wording
only (title; message text and reply as the body); unpublishing removes it. FAQs are indexed while
public. Neither carries anything about the writer.
"""

from __future__ import annotations

from gongkai.interaction.models import Faq, Message

MESSAGE_PROVIDER = "interaction.message"
FAQ_PROVIDER = "interaction.faq"
GENRES = {"message": "互动交流答复", "faq": "常见问题"}


def published_messages():
    return Message.objects.filter(published=True).select_related("agency", "reply_agency")


def public_faqs():
    return Faq.objects.filter(public=True, agency__active=True).select_related("agency")


def message_entry(message: Message):
    from django.urls import reverse

    from gongkai.search.indexing import Entry

    if not message.published:
        return None
    return Entry(
        key=f"{MESSAGE_PROVIDER}:{message.pk}",
        title=message.published_title,
        agency=message.reply_agency or message.agency,
        body=f"{message.published_body}\n{message.published_reply}",
        genre="message",
        published_on=message.published_on,
        url=reverse("interaction:message", args=[message.pk]),
    )


def faq_entry(faq: Faq):
    from django.urls import reverse

    from gongkai.search.indexing import Entry

    if not faq.public or not faq.agency.active:
        return None
    return Entry(
        key=f"{FAQ_PROVIDER}:{faq.pk}",
        title=faq.question,
        agency=faq.agency,
        body=faq.answer,
        genre="faq",
        published_on=faq.created_on,
        url=reverse("interaction:faqs") + f"?agency={faq.agency.code}#faq-{faq.pk}",
    )


def reindex_message(message: Message) -> None:
    """Index or remove one message (call inside the service's transaction)."""
    from gongkai.search.indexing import index_document, remove_document

    entry = message_entry(message)
    if entry is None:
        remove_document(f"{MESSAGE_PROVIDER}:{message.pk}")
    else:
        index_document(entry)


def reindex_faq(faq: Faq) -> None:
    from gongkai.search.indexing import index_document, remove_document

    entry = faq_entry(faq)
    if entry is None:
        remove_document(f"{FAQ_PROVIDER}:{faq.pk}")
    else:
        index_document(entry)


def register() -> None:
    from gongkai.search.indexing import register_provider

    register_provider(
        MESSAGE_PROVIDER, published_messages, message_entry, genre_labels={"message": GENRES["message"]}
    )
    register_provider(FAQ_PROVIDER, public_faqs, faq_entry, genre_labels={"faq": GENRES["faq"]})
