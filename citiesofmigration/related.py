"""What each app contributes to the pages that gather everything about one theme or one
city. Apps register a provider in their AppConfig.ready(); the theme and city pages ask
every provider, so the core never imports the content apps."""

from dataclasses import dataclass, field

_providers = []


@dataclass
class Section:
    title: str
    items: list
    item_template: str
    more_url: str = ""
    more_label: str = ""
    # The name under which item_template receives each item (e.g. "idea").
    item_name: str = "item"
    extra: dict = field(default_factory=dict)


def register(provider):
    """``provider(theme=None, city=None) -> Section | None``."""
    _providers.append(provider)
    return provider


def sections_for(*, theme=None, city=None):
    sections = (provider(theme=theme, city=city) for provider in _providers)
    return [section for section in sections if section and section.items]
