"""Demo events. The archive comes from fixtures/events.json, written in our own words from
the seeds (000: CERC Migration's 2022 conference; 003: the Metropolis international
conferences of 1996 to 1999). The upcoming sessions are clearly labelled samples on the
themes of the demo Good Ideas, with no speakers, and their dates are set relative to
today on every run, so the demo always has upcoming events. Everything is in English and
in French (issue 11); the French written here in code gets its no-break spaces from
``typeset_fr``. Idempotent."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from citiesofmigration.demo import get_city, read_fixture, slugify_fr, translated, typeset_fr
from citiesofmigration.models import Organisation, Theme
from citiesofmigration.publication import Status
from citiesofmigration.richtext import sanitise_html
from elibrary.models import Resource
from events.models import AttendanceMode, DatePrecision, Event, EventKind
from goodideas.models import GoodIdea

SAMPLE_NOTE = (
    "<p><strong>This is a sample session in the portal's demonstration content.</strong> "
    "It shows how a Learning Exchange event works — registration, the waitlist, e-mails "
    "and calendar files — and is not a real, scheduled event. It has no speakers.</p>"
)
SAMPLE_NOTE_FR = (
    "<p><strong>Cette séance est un exemple tiré du contenu de démonstration du "
    "portail.</strong> Elle montre le fonctionnement d’une activité de l’Échange "
    "d’apprentissage (inscription, liste d’attente, courriels et fichiers de calendrier) et "
    "n’est pas une véritable activité au calendrier. Aucun conférencier n’y participe.</p>"
)

# (slug, title, kind, summary, description, the same in French, days from today, local start,
#  minutes, time zone, capacity, themes, cities, Good Ideas, E-Library resources)
SAMPLE_SESSIONS = [
    {
        "slug": "demo-session-welcoming-city-policies",
        "title": "Demo session: Writing a welcoming city policy",
        "kind": EventKind.WEBINAR,
        "summary": "A sample webinar on the welcoming and inclusion policies that Calgary "
        "and Winnipeg describe in the Good Ideas.",
        "description": "<p>Several cities have written down, in one council-approved "
        "policy, how they intend to welcome newcomers and include them in city life. This "
        "sample session walks through two such policies from the Good Ideas and the "
        "questions a city faces when drafting its own: who leads, which departments take "
        "part and how progress is followed.</p>",
        "title_fr": "Séance de démonstration : rédiger une politique municipale d’accueil",
        "summary_fr": "Un exemple de webinaire sur les politiques d’accueil et d’inclusion que "
        "décrivent les Bonnes idées de Calgary et de Winnipeg.",
        "description_fr": "<p>Plusieurs villes ont consigné dans une seule politique, approuvée "
        "par le conseil, la façon dont elles entendent accueillir les nouveaux arrivants et les "
        "inclure dans la vie municipale. Cette séance d’exemple passe en revue deux de ces "
        "politiques, tirées des Bonnes idées, et les questions qu’une ville doit se poser en "
        "rédigeant la sienne : qui pilote le dossier, quels services y participent et comment "
        "suivre les progrès.</p>",
        "days": 10,
        "at": time(11, 0),
        "minutes": 90,
        "time_zone": "America/Toronto",
        "capacity": 100,
        "themes": ["plan", "connect"],
        "cities": [
            {"name": "Calgary", "province": "Alberta", "country": "CA"},
            {"name": "Winnipeg", "province": "Manitoba", "country": "CA"},
        ],
        "ideas": [
            "calgary-welcoming-community-policy",
            "winnipeg-newcomer-welcome-inclusion-policy",
        ],
        "resources": ["creating-a-municipal-immigration-strategy"],
        "tags": ["welcoming communities", "municipal policy"],
    },
    {
        "slug": "demo-session-mentoring-newcomer-entrepreneurs",
        "title": "Demo session: Mentoring newcomer entrepreneurs",
        "kind": EventKind.WEBINAR,
        "summary": "A sample webinar on pairing business immigrants with local mentors, "
        "after the Fredericton practice in the Good Ideas.",
        "description": "<p>Newcomers who want to start or buy a business need local "
        "knowledge as much as capital. This sample session looks at the Fredericton "
        "mentorship practice in the Good Ideas and at what a smaller city needs to run "
        "something similar. It has only a few seats, so the waitlist can be tried out.</p>",
        "title_fr": "Séance de démonstration : le mentorat des entrepreneurs nouvellement arrivés",
        "summary_fr": "Un exemple de webinaire sur le jumelage d’immigrants entrepreneurs avec "
        "des mentors locaux, inspiré de la pratique de Fredericton présentée dans les Bonnes "
        "idées.",
        "description_fr": "<p>Les nouveaux arrivants qui veulent lancer ou acheter une entreprise "
        "ont autant besoin de connaissances locales que de capital. Cette séance d’exemple "
        "examine la pratique de mentorat de Fredericton présentée dans les Bonnes idées et ce "
        "qu’il faut à une ville de taille modeste pour offrir quelque chose de semblable. Elle ne "
        "compte que quelques places, ce qui permet d’essayer la liste d’attente.</p>",
        "days": 17,
        "at": time(13, 0),
        "minutes": 60,
        "time_zone": "America/Halifax",
        "capacity": 5,
        "themes": ["work"],
        "cities": [{"name": "Fredericton", "province": "New Brunswick", "country": "CA"}],
        "ideas": ["fredericton-business-immigrant-mentorship"],
        "resources": [],
        "tags": ["entrepreneurship", "mentoring"],
    },
    {
        "slug": "demo-exchange-local-immigration-partnerships",
        "title": "Demo city-to-city exchange: Local immigration partnerships",
        "kind": EventKind.EXCHANGE,
        "summary": "A sample exchange between cities about running a local immigration "
        "partnership, on the practices from Ottawa and Halifax in the Good Ideas.",
        "description": "<p>Local immigration partnerships bring a city's settlement "
        "agencies, employers, schools and municipal departments to one table. In this "
        "sample city-to-city exchange, staff from different cities would compare how "
        "their partnerships are set up, using the Good Ideas from Ottawa and Halifax as "
        "starting points.</p>",
        "title_fr": "Échange de démonstration entre villes : les partenariats locaux en matière "
        "d’immigration",
        "summary_fr": "Un exemple d’échange entre villes sur la gestion d’un partenariat local en "
        "matière d’immigration, à partir des pratiques d’Ottawa et d’Halifax présentées dans les "
        "Bonnes idées.",
        "description_fr": "<p>Les partenariats locaux en matière d’immigration réunissent autour "
        "d’une même table les organismes d’établissement, les employeurs, les écoles et les "
        "services municipaux d’une ville. Dans cet exemple d’échange entre villes, le personnel "
        "de différentes municipalités comparerait l’organisation de leurs partenariats, en "
        "partant des Bonnes idées d’Ottawa et d’Halifax.</p>",
        "days": 24,
        "at": time(10, 0),
        "minutes": 120,
        "time_zone": "America/Toronto",
        "capacity": 30,
        "themes": ["plan", "connect"],
        "cities": [
            {"name": "Ottawa", "province": "Ontario", "country": "CA"},
            {"name": "Halifax", "province": "Nova Scotia", "country": "CA"},
        ],
        "ideas": [
            "local-immigration-partnerships",
            "ottawa-local-immigration-partnership",
            "halifax-immigration-partnership",
        ],
        "resources": [],
        "tags": ["local immigration partnerships"],
    },
    {
        "slug": "demo-session-services-without-fear",
        "title": "Demo session: City services without fear",
        "kind": EventKind.WEBINAR,
        "summary": "A sample webinar on access-without-fear and sanctuary policies, after "
        "the Toronto and Montréal practices in the Good Ideas.",
        "description": "<p>Some cities have decided that residents can use city services "
        "without being asked about their immigration status. This sample session looks at "
        "the Toronto and Montréal policies in the Good Ideas and at what it takes to make "
        "such a commitment hold in daily practice.</p>",
        "title_fr": "Séance de démonstration : des services municipaux sans crainte",
        "summary_fr": "Un exemple de webinaire sur les politiques d’accès sans crainte et de "
        "ville sanctuaire, inspiré des pratiques de Toronto et de Montréal présentées dans les "
        "Bonnes idées.",
        "description_fr": "<p>Certaines villes ont décidé que leurs résidents peuvent utiliser "
        "les services municipaux sans qu’on leur demande leur statut d’immigration. Cette séance "
        "d’exemple examine les politiques de Toronto et de Montréal présentées dans les Bonnes "
        "idées, et ce qu’il faut pour qu’un tel engagement tienne dans la pratique "
        "quotidienne.</p>",
        "days": 38,
        "at": time(12, 0),
        "minutes": 75,
        "time_zone": "America/Toronto",
        "capacity": None,
        "themes": ["live", "plan"],
        "cities": [
            {"name": "Toronto", "province": "Ontario", "country": "CA"},
            {"name": "Montréal", "province": "Québec", "country": "CA"},
        ],
        "ideas": ["toronto-access-without-fear", "montreal-sanctuary-policy-municipal-id"],
        "resources": ["a-seat-at-the-table-non-status-immigrants"],
        "tags": ["sanctuary cities", "access without fear"],
    },
    {
        "slug": "demo-session-immigrant-futures-smaller-cities",
        "title": "Demo session: Immigrant Futures for smaller cities",
        "kind": EventKind.WEBINAR,
        "summary": "A sample webinar on planning to attract and keep newcomers in small "
        "and medium-sized cities, with the Immigrant Futures toolkit.",
        "description": "<p>Smaller cities facing a shrinking population can plan to attract "
        "and keep newcomers. This sample session follows the Immigrant Futures planning "
        "framework in the Good Ideas and the toolkit in the E-Library, step by step.</p>",
        "title_fr": "Séance de démonstration : Immigrant Futures pour les petites villes",
        "summary_fr": "Un exemple de webinaire sur la planification de l’attraction et de la "
        "rétention des nouveaux arrivants dans les petites et moyennes villes, avec la trousse "
        "Immigrant Futures.",
        "description_fr": "<p>Les petites villes dont la population diminue peuvent planifier "
        "l’attraction et la rétention des nouveaux arrivants. Cette séance d’exemple suit, étape "
        "par étape, le cadre de planification Immigrant Futures présenté dans les Bonnes idées et "
        "la trousse offerte dans la Bibliothèque numérique.</p>",
        "days": 52,
        "at": time(11, 0),
        "minutes": 90,
        "time_zone": "America/Moncton",
        "capacity": 60,
        "themes": ["plan", "work"],
        "cities": [{"name": "Moncton", "province": "New Brunswick", "country": "CA"}],
        "ideas": ["immigrant-futures-planning-framework", "greater-moncton-immigration-strategy"],
        "resources": ["immigrant-futures-toolkit", "community-asset-mapping"],
        "tags": ["Immigrant Futures", "small cities"],
    },
]


def _organisation(name):
    return Organisation.objects.get_or_create(name=name)[0]


def _local(day, at, zone):
    return datetime.combine(day, at, tzinfo=ZoneInfo(zone))


def _archive_dates(record):
    zone = record["time_zone"]
    first = datetime.fromisoformat(record["start"]).date()
    last = datetime.fromisoformat(record["end"]).date()
    return _local(first, time(0, 0), zone), _local(last, time(23, 59), zone)


def _save(slug, fields, *, themes, cities, hosts, tags, ideas, resources):
    # On a later run the publication date an event already has is kept, and an event
    # whose fields are unchanged is not saved: its calendar SEQUENCE derives from
    # updated_at, and subscribed calendars would otherwise see every event "updated".
    published_at = fields.pop("published_at")
    # Rich text as it will be stored (sanitised: a no-break space becomes &nbsp;), so that
    # unchanged French compares equal.
    for name in ("description_en", "description_fr"):
        fields[name] = sanitise_html(fields[name])
    event = Event.objects.filter(slug_en=slug).first()
    if event is None:
        event = Event.objects.create(slug_en=slug, published_at=published_at, **fields)
    elif any(getattr(event, name) != value for name, value in fields.items()):
        for name, value in fields.items():
            setattr(event, name, value)
        event.save()
    event.themes.set(Theme.objects.filter(slug__in=themes))
    event.cities.set([get_city(**city) for city in cities])
    event.hosts.set([_organisation(name) for name in hosts])
    event.tags.set(tags)
    event.related_ideas.set(GoodIdea.objects.filter(slug_en__in=ideas))
    event.related_resources.set(Resource.objects.filter(slug__in=resources))
    event.after_relations_saved()
    return event


def load_archive():
    for record in read_fixture("events.json"):
        start, end = _archive_dates(record)
        venue_city = get_city(**record["venue_city"]) if record["venue_city"] else None
        fields = {
            # English from "title", French from "title_fr", and so on (slug_en is the key).
            **translated(record, "title", "summary", "description", "lessons"),
            "slug_fr": record.get("slug_fr") or None,
            "kind": record["kind"],
            "start": start,
            "end": end,
            "time_zone": record["time_zone"],
            "date_precision": record["date_precision"],
            "attendance_mode": record["attendance_mode"],
            "venue": record["venue"],
            "address": record["address"],
            "venue_city": venue_city,
            "takes_registrations": False,
            "capacity": None,
            "status": Status.PUBLISHED,
            # Published when the portal was set up, not when the event took place.
            "published_at": timezone.now().replace(microsecond=0) - timedelta(days=30),
        }
        _save(
            record["slug"],
            fields,
            themes=record["themes"],
            cities=record["cities"],
            hosts=record["hosts"],
            tags=record["tags"],
            ideas=record["related_ideas"],
            resources=record["related_resources"],
        )


def _working_day(day):
    """The first Tuesday, Wednesday or Thursday on or after ``day``: when such sessions
    usually take place."""
    while day.weekday() not in (1, 2, 3):
        day += timedelta(days=1)
    return day


def load_samples(today=None):
    today = today or timezone.localdate()
    for session in SAMPLE_SESSIONS:
        day = _working_day(today + timedelta(days=session["days"]))
        start = _local(day, session["at"], session["time_zone"])
        title_fr = typeset_fr(session["title_fr"])
        fields = {
            "title_en": session["title"],
            "title_fr": title_fr,
            "slug_fr": slugify_fr(title_fr),
            "kind": session["kind"],
            "summary_en": session["summary"],
            "summary_fr": typeset_fr(session["summary_fr"]),
            "description_en": SAMPLE_NOTE + session["description"],
            "description_fr": typeset_fr(SAMPLE_NOTE_FR + session["description_fr"]),
            "start": start,
            "end": start + timedelta(minutes=session["minutes"]),
            "time_zone": session["time_zone"],
            "date_precision": DatePrecision.TIME,
            "attendance_mode": AttendanceMode.ONLINE,
            # example.org never resolves to a real meeting.
            "join_url": f"https://meet.example.org/{session['slug']}",
            "takes_registrations": True,
            "capacity": session["capacity"],
            "registration_opens_at": None,
            "registration_closes_at": None,
            "cancelled_at": None,
            "status": Status.PUBLISHED,
            "published_at": timezone.now().replace(microsecond=0) - timedelta(days=1),
        }
        _save(
            session["slug"],
            fields,
            themes=session["themes"],
            cities=session["cities"],
            hosts=[],
            tags=session["tags"],
            ideas=session["ideas"],
            resources=session["resources"],
        )


def load():
    load_archive()
    load_samples()
    return {
        "upcoming events": Event.objects.published().upcoming().count(),
        "past events": Event.objects.published().past().count(),
    }
