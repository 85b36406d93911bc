"""The five themes under which Cities of Migration organised its Good Ideas (seed 001).

Kept in code because the set is fixed: a data migration creates them and tests that
flush the database put them back with :func:`ensure_themes`. Editors may reword the
descriptions in the admin; ``ensure_themes`` never overwrites an existing theme.
"""

THEMES = [
    {
        "slug": "live",
        "name": "Live",
        "tagline": "Housing, health, safety and everyday services",
        "description": (
            "Practices that help newcomers settle into daily life in the city: finding a "
            "home, getting around, reaching health care, feeling safe, and using municipal "
            "services without fear, whatever their immigration status. Good Ideas here "
            "range from transit passes for refugees to city policies that open services to "
            "every resident."
        ),
    },
    {
        "slug": "work",
        "name": "Work",
        "tagline": "Jobs, skills and entrepreneurship",
        "description": (
            "Practices that connect immigrants' skills with the local economy: employer "
            "networks, mentoring, recognition of credentials earned abroad, and support for "
            "newcomer entrepreneurs. Research behind the Immigrant Futures project shows that "
            "people stay where their working life goes well, so these ideas are also a "
            "strategy for keeping talent in a region."
        ),
    },
    {
        "slug": "learn",
        "name": "Learn",
        "tagline": "Language, schooling and lifelong learning",
        "description": (
            "Practices in schools, libraries, colleges and community programmes that help "
            "children and adults learn the language, succeed in education and understand how "
            "their new city works, along with ideas that help local institutions learn from "
            "the newcomers they serve."
        ),
    },
    {
        "slug": "connect",
        "name": "Connect",
        "tagline": "Belonging, participation and community",
        "description": (
            "Practices that build ties between newcomers and long-time residents: welcoming "
            "events, volunteering and mentoring, civic and political participation, and "
            "public campaigns that shape how a community talks about migration. They create "
            "the attachment and sense of belonging that make people choose to stay."
        ),
    },
    {
        "slug": "plan",
        "name": "Plan",
        "tagline": "Municipal strategy, governance and welcoming policy",
        "description": (
            "Practices in which city governments and their partners plan for diversity: "
            "immigration strategies and welcoming policies, local partnership councils, "
            "access-without-fear and sanctuary policies, data and diagnostics, and the "
            "leadership that puts newcomers' needs into the city's own services and budget."
        ),
    },
]


def ensure_themes(Theme):
    """Create any of the five themes that is missing. ``Theme`` may be a historical model."""
    for position, theme in enumerate(THEMES, start=1):
        Theme.objects.get_or_create(
            slug=theme["slug"],
            defaults={
                "name": theme["name"],
                "tagline": theme["tagline"],
                "description": theme["description"],
                "position": position,
            },
        )
