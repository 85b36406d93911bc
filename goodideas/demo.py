"""Demo Good Ideas from fixtures/goodideas.json, written in our own words from the seeds
(004: the Immigrant Futures Good Ideas; 002: the municipal role report), in English and
in French (issue 11: every idea's title and summary, and the stories, results and
questions, written in French rather than translated word for word). Idempotent."""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from citiesofmigration.demo import get_city, read_fixture, translated, typeset_fr
from citiesofmigration.models import Organisation, Theme
from citiesofmigration.publication import Status
from goodideas.models import Adaptation, Collection, CollectionMembership, GoodIdea

# The three collections, in the editors' order, each with an introduction written in our
# own words from the seeds (004: the Immigrant Futures toolkit; 000: the Urban Sanctuary
# research project; 002: The Municipal Role in Immigration) and the order in which the
# ideas are best read. Ideas not named here follow in the fixture's order.
COLLECTIONS = {
    "Immigrant Futures": {
        "description": (
            "Immigrant Futures looked at immigration from the side of Canada's small "
            "cities, towns and regions, and treated it as a question of local economic "
            "development: how smaller places attract newcomers, help them find work or "
            "start a business, and make them want to stay.\n\n"
            "Cities of Migration developed the project with partners in Hamilton, Moncton, "
            "Halifax and Leeds Grenville, with support from Immigration, Refugees and "
            "Citizenship Canada. Its toolkit for city leaders uses Good Ideas as worked "
            "examples; this collection gathers them with related practices. Start with "
            "the planning framework, then follow the practices from strategy to jobs, "
            "businesses and a warm welcome."
        ),
        "name_fr": "Immigrant Futures",
        "description_fr": (
            "Le projet Immigrant Futures a abordé l’immigration du point de vue des petites "
            "villes, des villages et des régions du Canada, comme une question de "
            "développement économique local : comment les petites localités peuvent attirer "
            "des nouveaux arrivants, les aider à trouver un emploi ou à lancer une "
            "entreprise, et leur donner envie de rester.\n\n"
            "Cities of Migration a mené le projet avec des partenaires de Hamilton, de "
            "Moncton, d’Halifax et de Leeds Grenville, avec l’appui d’Immigration, Réfugiés "
            "et Citoyenneté Canada. Sa trousse pour les responsables municipaux prend les "
            "Bonnes idées comme exemples concrets ; cette collection les réunit avec des "
            "pratiques apparentées. Commencez par le cadre de planification, puis suivez "
            "les pratiques, de la stratégie à l’emploi, aux entreprises et à un accueil "
            "chaleureux."
        ),
        "order": [
            "immigrant-futures-planning-framework",
            "greater-moncton-immigration-strategy",
            "new-conversations-tour",
            "fredericton-business-immigrant-mentorship",
            "toronto-social-procurement-policy",
            "rural-employment-initiative",
            "maple-leaf-foods-brandon-worker-support",
            "strangers-become-friends-erfurt",
        ],
    },
    "Urban Sanctuary": {
        "description": (
            'Sanctuary, or "access without fear", policies let every resident use '
            "municipal services without being asked about immigration status. Seven "
            "Canadian cities had adopted one when The Municipal Role in Immigration was "
            "written, Toronto and Montréal among them; Montréal's includes a municipal "
            "identity card. In Canada these "
            "policies do not reach police services or federal immigration enforcement, "
            "which lie outside a city's powers.\n\n"
            "The collection shares its name with the Urban Sanctuary, Migrant Solidarity "
            "and Hospitality in Global Perspective research project at Toronto "
            "Metropolitan University, which gathers Good Ideas from sanctuary cities."
        ),
        "name_fr": "Villes sanctuaires",
        "description_fr": (
            "Les politiques de ville sanctuaire, ou d’« accès sans crainte », permettent à "
            "tous les résidents d’utiliser les services municipaux sans qu’on les interroge "
            "sur leur statut d’immigration. Sept villes canadiennes en avaient adopté une "
            "au moment où paraissait le rapport The Municipal Role in Immigration, dont "
            "Toronto et Montréal ; celle de Montréal comprend une carte d’identité "
            "municipale. Au Canada, ces politiques ne s’étendent ni aux services de police "
            "ni à l’application des lois fédérales sur l’immigration, qui échappent aux "
            "pouvoirs des villes.\n\n"
            "La collection fait écho au projet de recherche Urban Sanctuary, Migrant "
            "Solidarity and Hospitality in Global Perspective, mené à l’Université "
            "métropolitaine de Toronto, qui rassemble des Bonnes idées de villes "
            "sanctuaires."
        ),
        "order": ["toronto-access-without-fear", "montreal-sanctuary-policy-municipal-id"],
    },
    "Municipal": {
        "description": (
            "Canadian municipalities hold no formal powers over immigration, yet most "
            "newcomers settle in cities, and much of what they need is run or planned "
            "locally. These Good Ideas show the roles cities take on all the same: "
            "council-adopted strategies and welcoming policies, Local Immigration "
            "Partnerships that bring service providers and other orders of government "
            "to one table, newcomer offices and guides, and agreements with the "
            "provincial and federal governments.\n\n"
            "For the background, read The Municipal Role in Immigration (2024), in the "
            "Who Does What series, in the E-Library."
        ),
        "name_fr": "Action municipale",
        "description_fr": (
            "Les municipalités canadiennes n’ont aucun pouvoir officiel en matière "
            "d’immigration ; pourtant, la plupart des nouveaux arrivants s’établissent en "
            "ville, et une bonne part de ce dont ils ont besoin est géré ou planifié à "
            "l’échelle locale. Ces Bonnes idées montrent les rôles que les villes assument "
            "malgré tout : stratégies adoptées par le conseil et politiques d’accueil, "
            "partenariats locaux en matière d’immigration qui réunissent autour d’une même "
            "table les fournisseurs de services et les autres ordres de gouvernement, "
            "bureaux et guides pour les nouveaux arrivants, et ententes avec les "
            "gouvernements provinciaux et fédéral.\n\n"
            "Pour le contexte, lisez The Municipal Role in Immigration (2024), de la série "
            "Who Does What, dans la Bibliothèque numérique."
        ),
        "order": [
            "calgary-welcoming-community-policy",
            "winnipeg-newcomer-welcome-inclusion-policy",
            "calgary-committee-on-immigrant-inclusion",
            "greater-moncton-immigration-strategy",
            "local-immigration-partnerships",
            "ottawa-local-immigration-partnership",
            "halifax-immigration-partnership",
            "toronto-newcomer-office",
            "multilingual-newcomer-guides",
            "toronto-access-without-fear",
            "montreal-sanctuary-policy-municipal-id",
            "canada-ontario-toronto-immigration-mou",
        ],
    },
}


def _organisation(name):
    return Organisation.objects.get_or_create(name=name)[0] if name else None


def _collection(name):
    editorial = COLLECTIONS.get(name, {})
    names = list(COLLECTIONS)
    return Collection.objects.update_or_create(
        slug=slugify(name),
        defaults={
            "name_en": name,
            "name_fr": editorial.get("name_fr") or None,
            "description_en": editorial.get("description", ""),
            "description_fr": typeset_fr(editorial.get("description_fr", "")),
            "position": names.index(name) if name in names else len(names),
        },
    )[0]


def _curate(collection, fixture_order):
    """Number the collection's ideas: the editors' order first, then the fixture's."""
    chosen = COLLECTIONS.get(collection.name_en, {}).get("order", [])
    ordered = chosen + [slug for slug in fixture_order if slug not in chosen]
    for position, slug in enumerate(ordered, start=1):
        CollectionMembership.objects.filter(collection=collection, idea__slug_en=slug).update(
            position=position
        )


def load():
    records = read_fixture("goodideas.json")
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    # Stagger publication dates so that "newest" has a meaningful order in the demo.
    first_published = timezone.now().replace(microsecond=0) - timedelta(days=len(records))
    ideas = {}
    for position, record in enumerate(records):
        contact = record["contact"]
        fields = {
            # English from "title", French from "title_fr", and so on (slug_en is the key).
            **translated(record, "title", "summary", "story", "results", "reflection_question"),
            "slug_fr": record.get("slug_fr") or None,
            "primary_theme": themes[record["primary_theme"]],
            "lead_organisation": _organisation(record["lead_organisation"]),
            "year_started": record["year_started"],
            "practice_status": record["practice_status"],
            "website": record["website"],
            "contact_name": contact["name"],
            "contact_role": contact["role"],
            "contact_email": contact["email"],
            "contact_phone": contact["phone"],
            "contact_is_private": record["contact_is_private"],
            "status": Status.PUBLISHED,
        }
        # On a later run the publication date an idea already has is kept.
        idea, _ = GoodIdea.objects.update_or_create(
            slug_en=record["slug"],
            defaults=fields,
            create_defaults={**fields, "published_at": first_published + timedelta(days=position)},
        )
        idea.themes.set([themes[slug] for slug in [record["primary_theme"], *record["themes"]]])
        idea.cities.set([get_city(**city) for city in record["cities"]])
        idea.partners.set([_organisation(name) for name in record["partners"]])
        idea.collections.set([_collection(name) for name in record["collections"]])
        # Fixture tags are slugs; people read words.
        idea.tags.set([tag.replace("-", " ") for tag in record["tags"]])
        for place in record["adapted_in"]:
            Adaptation.objects.get_or_create(idea=idea, city=get_city(**place))
        ideas[record["slug"]] = idea
    for record in records:
        ideas[record["slug"]].related_ideas.set([ideas[slug] for slug in record["related"]])
    for idea in ideas.values():
        idea.after_relations_saved()
    for collection in Collection.objects.filter(name_en__in=COLLECTIONS):
        _curate(collection, [record["slug"] for record in records])
    return {
        "Good Ideas": GoodIdea.objects.published().count(),
        "collections": Collection.objects.count(),
    }
