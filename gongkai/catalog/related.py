"""Links that other duties add to an item's public page.

An app registers a provider in its ``AppConfig.ready``; the provider gets the item and returns
``RelatedLink``s (e.g. the consultation that preceded a policy and how its comments were used).
The catalogue so shows them without importing the apps that provide them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RelatedLink:
    heading: str  # the section the link goes under, e.g. "意见征集"
    label: str
    url: str


_providers: dict[str, Callable] = {}


def register(name: str, provider: Callable) -> None:
    _providers[name] = provider


def links_for(item) -> list[RelatedLink]:
    links: list[RelatedLink] = []
    for provider in _providers.values():
        links.extend(provider(item))
    return links
