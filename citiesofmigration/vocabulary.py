"""The five themes under which Cities of Migration organised its Good Ideas (seed 001).

Kept in code because the set is fixed: a data migration creates them and tests that
flush the database put them back with :func:`ensure_themes`. Editors may reword the
descriptions in the admin; ``ensure_themes`` never overwrites an existing theme, except
that it fills in an empty ``intro`` (the short text of the theme cards, added in issue 10),
so databases made before the field existed get it from ``load_demo`` (run by ``make run``).
"""

THEMES = [
    {
        "slug": "live",
        "name": "Live",
        "tagline": "Housing, health, safety and everyday services",
        "intro": (
            "Finding a home, getting around, reaching health care and city services, and feeling "
            "safe: the everyday settling-in that decides whether newcomers can build a life."
        ),
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
        "intro": (
            "Putting newcomers' skills to work: employer networks, mentoring, recognition of "
            "credentials from abroad and support for immigrant entrepreneurs."
        ),
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
        "intro": (
            "Language, schooling and lifelong learning for children and adults, and local "
            "institutions that learn from the newcomers they serve."
        ),
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
        "intro": (
            "Ties between newcomers and long-time residents: welcoming events, volunteering, "
            "civic participation and campaigns that change how a city talks about migration."
        ),
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
        "intro": (
            "City governments and their partners planning for diversity: immigration strategies, "
            "welcoming policies, local councils, data and leadership."
        ),
        "description": (
            "Practices in which city governments and their partners plan for diversity: "
            "immigration strategies and welcoming policies, local partnership councils, "
            "access-without-fear and sanctuary policies, data and diagnostics, and the "
            "leadership that puts newcomers' needs into the city's own services and budget."
        ),
    },
]


def ensure_themes(Theme):
    """Create any of the five themes that is missing, and fill in an empty intro.
    ``Theme`` may be a historical model, from before the intro field existed."""
    has_intro = any(field.name == "intro" for field in Theme._meta.get_fields())
    for position, theme in enumerate(THEMES, start=1):
        defaults = {
            "name": theme["name"],
            "tagline": theme["tagline"],
            "description": theme["description"],
            "position": position,
        }
        if has_intro:
            defaults["intro"] = theme["intro"]
        Theme.objects.get_or_create(slug=theme["slug"], defaults=defaults)
        if has_intro:
            # An editor's own intro is kept; only an empty one is filled in.
            Theme.objects.filter(slug=theme["slug"], intro="").update(intro=theme["intro"])
