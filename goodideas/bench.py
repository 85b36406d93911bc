"""Benchmark scenarios for Good Ideas (run by ``manage.py bench``, ``make bench``)."""

from django.core.management import call_command

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
    detail = GoodIdea.objects.published().filter(slug__startswith=SLUG_PREFIX).first()
    return [
        ("Good Ideas list", "/good-ideas/"),
        ("Good Ideas filtered", "/good-ideas/?theme=work&theme=learn&country=CA&status=running"),
        ("Good Ideas search", "/good-ideas/?q=refugee+housing"),
        ("Good Ideas misspelt search", "/good-ideas/?q=Monkton"),
        ("Good Idea detail", detail.get_absolute_url() if detail else "/good-ideas/"),
    ]


def clear():
    call_command("generate_synthetic_ideas", clear=True, verbosity=0)
