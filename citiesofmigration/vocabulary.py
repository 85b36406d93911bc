"""The five themes under which Cities of Migration organised its Good Ideas (seed 001).

Kept in code because the set is fixed: a data migration creates them and tests that
flush the database put them back with :func:`ensure_themes`. Editors may reword the
descriptions in the admin; ``ensure_themes`` never overwrites an existing theme, except
that it fills in an empty ``intro`` (the short text of the theme cards, added in issue 10),
so databases made before the field existed get it from ``load_demo`` (run by ``make run``).
The same goes for the French texts (issue 11): ``fr`` holds each theme's name, tagline,
intro and description in French, written for French readers, and an empty French column
is filled in from it.
"""

from django.db.models import Q

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
        "fr": {
            "name": "Vivre",
            "tagline": "Logement, santé, sécurité et services de tous les jours",
            "intro": (
                "Trouver un logement, se déplacer, accéder aux soins et aux services "
                "municipaux, se sentir en sécurité\u00a0: le quotidien qui décide si les "
                "nouveaux arrivants peuvent refaire leur vie."
            ),
            "description": (
                "Des pratiques qui aident les nouveaux arrivants à s’installer dans "
                "la vie quotidienne de la ville\u00a0: trouver un logement, se déplacer, "
                "accéder aux soins de santé, se sentir en sécurité et utiliser les "
                "services municipaux sans crainte, quel que soit leur statut "
                "d’immigration. Les Bonnes idées de ce thème vont de la gratuité du "
                "transport en commun pour les réfugiés aux politiques municipales qui "
                "ouvrent les services à tous les résidents."
            ),
        },
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
        "fr": {
            "name": "Travailler",
            "tagline": "Emploi, compétences et entrepreneuriat",
            "intro": (
                "Mettre à profit les compétences des nouveaux arrivants\u00a0: réseaux "
                "d’employeurs, mentorat, reconnaissance des titres acquis à "
                "l’étranger et soutien aux entrepreneurs immigrants."
            ),
            "description": (
                "Des pratiques qui relient les compétences des immigrants à "
                "l’économie locale\u00a0: réseaux d’employeurs, mentorat, reconnaissance "
                "des titres de compétences acquis à l’étranger et soutien aux "
                "entrepreneurs nouvellement arrivés. Les recherches du projet "
                "Immigrant Futures montrent que les gens restent là où leur vie "
                "professionnelle se passe bien\u00a0: ces idées sont donc aussi une "
                "stratégie pour garder les talents dans une région."
            ),
        },
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
        "fr": {
            "name": "Apprendre",
            "tagline": "Langue, scolarité et formation continue",
            "intro": (
                "La langue, l’école et la formation continue, pour les enfants comme "
                "pour les adultes, et des institutions locales qui apprennent des "
                "nouveaux arrivants qu’elles servent."
            ),
            "description": (
                "Des pratiques d’écoles, de bibliothèques, de collèges et "
                "d’organismes communautaires qui aident enfants et adultes à "
                "apprendre la langue, à réussir leurs études et à comprendre le "
                "fonctionnement de leur nouvelle ville, ainsi que des idées qui "
                "aident les institutions locales à apprendre des nouveaux arrivants "
                "qu’elles servent."
            ),
        },
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
        "fr": {
            "name": "Tisser des liens",
            "tagline": "Appartenance, participation et vie communautaire",
            "intro": (
                "Des liens entre nouveaux arrivants et résidents de longue date\u00a0: "
                "activités d’accueil, bénévolat, participation civique et campagnes "
                "qui changent la façon dont une ville parle de migration."
            ),
            "description": (
                "Des pratiques qui tissent des liens entre les nouveaux arrivants et "
                "les résidents de longue date\u00a0: activités d’accueil, bénévolat et "
                "mentorat, participation civique et politique, et campagnes publiques "
                "qui influencent la façon dont une collectivité parle de migration. "
                "Elles créent l’attachement et le sentiment d’appartenance qui "
                "donnent envie de rester."
            ),
        },
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
        "fr": {
            "name": "Planifier",
            "tagline": "Stratégie municipale, gouvernance et politiques d’accueil",
            "intro": (
                "Des administrations municipales et leurs partenaires qui planifient "
                "en fonction de la diversité\u00a0: stratégies d’immigration, politiques "
                "d’accueil, conseils locaux, données et leadership."
            ),
            "description": (
                "Des pratiques par lesquelles les administrations municipales et "
                "leurs partenaires planifient en fonction de la diversité\u00a0: "
                "stratégies d’immigration et politiques d’accueil, conseils de "
                "partenariat locaux, politiques d’accès sans crainte et de ville "
                "sanctuaire, données et diagnostics, et le leadership qui intègre les "
                "besoins des nouveaux arrivants aux services et au budget de la "
                "ville."
            ),
        },
    },
]


FIELDS = ("name", "tagline", "intro", "description")


def _empty(column):
    return Q(**{f"{column}__isnull": True}) | Q(**{column: ""})


def ensure_themes(Theme):
    """Create any of the five themes that is missing, and fill in an empty intro and empty
    French texts. ``Theme`` may be a historical model, from before the intro field or the
    columns per language (issue 11) existed."""
    names = {field.name for field in Theme._meta.get_fields()}
    fields = [field for field in FIELDS if field in names]
    has_french = "name_fr" in names

    def english(field):
        # The English column by name: on the model itself, ``name`` writes the column of
        # whichever language is active.
        return f"{field}_en" if has_french else field

    for position, theme in enumerate(THEMES, start=1):
        defaults = {english(field): theme[field] for field in fields}
        defaults["position"] = position
        if has_french:
            defaults.update({f"{field}_fr": theme["fr"][field] for field in fields})
        Theme.objects.get_or_create(slug=theme["slug"], defaults=defaults)
        if "intro" in names:
            # An editor's own intro is kept; only an empty one is filled in.
            Theme.objects.filter(_empty(english("intro")), slug=theme["slug"]).update(
                **{english("intro"): theme["intro"]}
            )
        if has_french:
            # Themes made before the French columns get their French; an editor's is kept.
            for field in fields:
                column = f"{field}_fr"
                Theme.objects.filter(_empty(column), slug=theme["slug"]).update(
                    **{column: theme["fr"][field]}
                )
