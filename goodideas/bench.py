"""Benchmark scenarios for Good Ideas (run by ``manage.py bench``, ``make bench``)."""

from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from goodideas.management.commands.generate_synthetic_ideas import SLUG_PREFIX
from goodideas.models import GoodIdea


def prepare(size):
    """Make exactly ``size`` synthetic ideas exist (demo ideas come on top)."""
    existing = GoodIdea.objects.filter(slug__startswith=SLUG_PREFIX).count()
    if existing > size:
        call_command("generate_synthetic_ideas", clear=True, verbosity=0)
        existing = 0
    if existing < size:
        call_command("generate_synthetic_ideas", size - existing, verbosity=0)


def scenarios():
    """The pages measured, at their English addresses (an unprefixed one answers 301)."""
    detail = GoodIdea.objects.published().filter(slug__startswith=SLUG_PREFIX).first()
    with translation.override("en"):
        listing = reverse("goodideas:list")
        return [
            ("Good Ideas list", listing),
            ("Good Ideas filtered", f"{listing}?theme=work&theme=learn&country=CA&status=running"),
            ("Good Ideas search", f"{listing}?q=refugee+housing"),
            ("Good Ideas misspelt search", f"{listing}?q=Monkton"),
            ("Good Idea detail", detail.get_absolute_url() if detail else listing),
        ]


def clear():
    call_command("generate_synthetic_ideas", clear=True, verbosity=0)
