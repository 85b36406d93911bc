"""People's language (issue 11): whoever registers, subscribes, comments, asks a contact
or proposes an idea from a French page gets every e-mail in French, with French dates and
links to French pages, and a calendar file in French; the newsletter goes out per
language; feeds exist per language; French dates and times read as French writes them."""

import html
import re
import zoneinfo
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import feedparser
import icalendar
import pytest
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core import mail
from django.utils import translation
from django.utils.formats import number_format

from blog import services as blog_services
from blog.models import Comment, NewsletterIssue, Subscriber
from citiesofmigration import formats
from events import services as event_services
from events import when
from events.models import Registration
from goodideas.models import ContactRequest, GoodIdea
from tests.blog.conftest import form_token
from tests.factories import (
    CollectionFactory,
    CountryFactory,
    EventFactory,
    GoodIdeaFactory,
    PostFactory,
    SubscriberFactory,
)
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db

TORONTO = zoneinfo.ZoneInfo("America/Toronto")
LINK = re.compile(r"https?://[^\s\"'<>]+")


def sent_to(address):
    return [message for message in mail.outbox if address in message.to]


def html_of(message):
    """The HTML version, entities decoded (an apostrophe is written &#x27;)."""
    [(content, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html.unescape(content)


def portal_links(text):
    """Links to the portal: from a request (testserver), from settings.SITE_URL (cron,
    the worker) or from the tests' own base URL; not the join link of a meeting."""
    hosts = {"testserver", "portal.example", urlsplit(settings.SITE_URL).netloc}
    return [link for link in LINK.findall(text) if urlsplit(link).netloc in hosts]


def assert_links_in(language, text):
    links = portal_links(text)
    assert links, "the e-mail links to the portal"
    for link in links:
        assert f"/{language}/" in link, link


@pytest.fixture
def bilingual_event(db):
    """A webinar on the first of a month at 13:30 Toronto time, titled in both languages."""
    start = datetime(2031, 12, 1, 13, 30, tzinfo=TORONTO)
    return EventFactory(
        title_en="Welcoming policies in practice",
        title_fr="Les politiques d'accueil en pratique",
        slug_en="welcoming-policies",
        slug_fr="politiques-d-accueil",
        summary_en="How cities welcome newcomers.",
        summary_fr="Comment les villes accueillent les nouveaux arrivants.",
        start=start,
        end=start + timedelta(minutes=90),
    )


def register_from(client, language, event, email="amina@example.org"):
    with translation.override(language):
        url = f"{event.get_absolute_url()}register/"
    data = {
        "name": "Amina Example",
        "email": email,
        "organisation": "Ville de Moncton",
        "consent": "on",
        "homepage": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302, url
    assert response["Location"].startswith(f"/{language}/")
    run_tasks()


# -- registrations --------------------------------------------------------------------


def test_a_french_registration_gets_a_french_e_mail_with_french_dates_and_links(
    client, bilingual_event
):
    register_from(client, "fr", bilingual_event)
    assert Registration.objects.get().language == "fr"
    [message] = sent_to("amina@example.org")
    assert message.subject == "Inscription confirmée\xa0: Les politiques d'accueil en pratique"
    assert message.extra_headers["Content-Language"] == "fr"
    html_body = html_of(message)
    assert '<html lang="fr">' in html_body
    assert "Votre place est confirmée" in html_body
    assert "Your place is confirmed" not in html_body
    for body in (message.body, html_body):
        assert "Les politiques d'accueil en pratique" in body
        # "lundi 1er décembre 2031", "13 h 30" and "15 h": never "1:30 PM".
        assert "lundi 1er décembre 2031" in body
        assert "13 h 30" in body and "15 h" in body
        assert " PM" not in body and "Après-midi" not in body
        assert_links_in("fr", body)
        assert "/fr/learning-exchange/politiques-d-accueil/" in body
        assert "/fr/learning-exchange/registration/" in body


def test_the_plain_text_version_of_a_french_e_mail_is_french_too(client, bilingual_event):
    register_from(client, "fr", bilingual_event)
    [message] = sent_to("amina@example.org")
    assert "Votre place est confirmée" in message.body
    assert "Your place is confirmed" not in message.body


def test_the_calendar_file_of_a_french_registration_is_in_french(client, bilingual_event):
    register_from(client, "fr", bilingual_event)
    [message] = sent_to("amina@example.org")
    [(filename, content, _mimetype)] = message.attachments
    [vevent] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Les politiques d'accueil en pratique"
    assert vevent["SUMMARY"].params["LANGUAGE"] == "fr"
    assert "Comment les villes accueillent" in str(vevent["DESCRIPTION"])
    assert str(vevent["URL"]).endswith("/fr/learning-exchange/politiques-d-accueil/")
    # The join link is there for a confirmed seat.
    assert str(vevent["LOCATION"]) == bilingual_event.join_url
    assert bilingual_event.join_url in str(vevent["DESCRIPTION"])


def test_the_manage_pages_calendar_file_is_in_the_registrants_language(client, bilingual_event):
    register_from(client, "fr", bilingual_event)
    [message] = sent_to("amina@example.org")
    manage_path = re.search(r"/fr/learning-exchange/registration/[^/\s]+/", message.body)[0]
    # Opened under /en/ (a shared browser, another tab): still the registrant's French.
    english_path = manage_path.replace("/fr/", "/en/", 1)
    response = client.get(f"{english_path}calendar.ics")
    assert response.status_code == 200
    [vevent] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Les politiques d'accueil en pratique"


def test_registering_again_from_the_english_page_switches_the_e_mails_to_english(
    client, bilingual_event
):
    register_from(client, "fr", bilingual_event)
    register_from(client, "en", bilingual_event)
    assert Registration.objects.get().language == "en"
    french, english = sent_to("amina@example.org")
    assert french.subject.startswith("Inscription confirmée")
    assert english.subject == "You are registered: Welcoming policies in practice"
    assert_links_in("en", english.body)
    assert "Monday 1 December 2031" in english.body and "1:30 PM" in english.body


def test_every_later_e_mail_keeps_each_persons_language(client, bilingual_event):
    register_from(client, "fr", bilingual_event, email="francine@example.org")
    register_from(client, "en", bilingual_event, email="edward@example.org")
    mail.outbox.clear()
    # An editor working in French cancels the event: each person is told in their language.
    with translation.override("fr"):
        assert event_services.cancel_event(event=bilingual_event, note="") == 2
    run_tasks()
    [to_francine] = sent_to("francine@example.org")
    [to_edward] = sent_to("edward@example.org")
    assert to_francine.subject == "Annulé\xa0: Les politiques d'accueil en pratique"
    assert to_edward.subject == "Cancelled: Welcoming policies in practice"
    assert_links_in("fr", to_francine.body)
    assert_links_in("en", to_edward.body)
    [(_name, content, _type)] = to_edward.attachments
    [vevent] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Welcoming policies in practice"


def test_reminders_sent_by_the_worker_are_in_the_registrants_language(bilingual_event):
    event_services.register_for_event(
        event=bilingual_event, name="Francine", email="francine@example.org", language="fr"
    )
    registration = Registration.objects.get()
    Registration.objects.filter(pk=registration.pk).update(
        confirmed_at=bilingual_event.start - timedelta(days=3)
    )
    run_tasks()
    mail.outbox.clear()
    # Run as cron runs it: no request, the default language active.
    counts = event_services.queue_due_reminders(now=bilingual_event.start - timedelta(hours=20))
    assert counts["day"] == 1
    run_tasks()
    [reminder] = sent_to("francine@example.org")
    assert reminder.subject == "Demain\xa0: Les politiques d'accueil en pratique"
    assert "13 h 30" in reminder.body
    assert_links_in("fr", reminder.body)


# -- dates and times -------------------------------------------------------------------


def test_french_times_read_13_h_30_and_the_first_of_the_month_1er():
    afternoon = datetime(2026, 12, 22, 13, 30, tzinfo=TORONTO)
    first = datetime(2026, 12, 1, 13, 0, tzinfo=TORONTO)
    with translation.override("fr"):
        assert formats.clock(afternoon) == "13 h 30"
        assert formats.clock(first) == "13 h"
        assert formats.long_date(afternoon, weekday=True) == "mardi 22 décembre 2026"
        assert formats.long_date(first) == "1er décembre 2026"
        assert formats.date_and_time(first, zone=True) == "1er décembre 2026 à 13 h EST"
        assert when.date_range(first, first + timedelta(days=2)).endswith("3 décembre 2026")
        assert when.date_range(first, first + timedelta(days=2)).count("1er") == 1
        # Thousands apart with a non-breaking space, a decimal comma.
        assert intcomma(12345) == "12\xa0345"
        assert number_format(1234.5, 1, force_grouping=True) == "1\xa0234,5"
    with translation.override("en"):
        assert formats.clock(afternoon) == "1:30 PM"
        assert formats.long_date(first, weekday=True) == "Tuesday 1 December 2026"


def test_the_french_event_page_writes_dates_and_times_in_french(client, bilingual_event):
    with translation.override("fr"):
        url = bilingual_event.get_absolute_url()
    text = " ".join(re.sub(r"<[^>]+>", " ", client.get(url).content.decode()).split())
    assert "lundi 1er décembre 2031" in text
    assert "13 h 30" in text and "15 h" in text
    assert "1:30 PM" not in text and "Après-midi" not in text
    # Elsewhere in the world, in French too.
    assert "Londres" in text and "18 h 30" in text


# -- newsletter ------------------------------------------------------------------------


def test_signing_up_from_a_french_page_gets_the_confirmation_in_french(client):
    response = client.post(
        "/fr/conversations/newsletter/", {"email": "lea@example.org", "consent": "on"}
    )
    assert response.status_code == 302
    assert Subscriber.objects.get().language == "fr"
    run_tasks()
    [message] = sent_to("lea@example.org")
    assert message.subject.startswith("Veuillez confirmer votre abonnement")
    assert "Pour confirmer, ouvrez ce lien" in message.body
    assert_links_in("fr", message.body)
    confirm = re.search(
        r"http://testserver(/fr/conversations/newsletter/confirm/\S+/)", message.body
    )
    assert '<html lang="fr"' in client.get(confirm[1]).content.decode()


def test_signing_up_again_from_the_english_page_switches_the_newsletter_to_english(client):
    SubscriberFactory(email="lea@example.org", language="fr")
    client.post("/en/conversations/newsletter/", {"email": "lea@example.org", "consent": "on"})
    assert Subscriber.objects.get().language == "en"


def test_a_french_issue_goes_only_to_french_subscribers_in_french(themes):
    french = SubscriberFactory(email="francine@example.org", language="fr")
    SubscriberFactory(email="edward@example.org", language="en")
    SubscriberFactory(email="pending@example.org", language="fr", pending=True)
    post = PostFactory(
        title_en="Toolkit launched",
        title_fr="Lancement de la trousse",
        slug_en="toolkit-launched",
        slug_fr="lancement-de-la-trousse",
        summary_en="A toolkit for cities.",
        summary_fr="Une trousse pour les villes.",
    )
    issue = NewsletterIssue.objects.create(subject="Infolettre de novembre", language="fr")
    issue.posts.add(post)
    count = blog_services.send_newsletter(
        issue=issue, absolute_url=lambda path: f"https://portal.example{path}"
    )
    assert count == 1
    run_tasks()
    [message] = mail.outbox
    assert message.to == [french.email]
    assert message.subject == "Infolettre de novembre"
    for body in (message.body, html_of(message)):
        assert "Lancement de la trousse" in body and "Une trousse pour les villes." in body
        assert "Toolkit launched" not in body
        assert "https://portal.example/fr/conversations/lancement-de-la-trousse/" in body
        assert_links_in("fr", body)
    assert "Se désabonner en un clic" in html_of(message)
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith(
        "<https://portal.example/fr/conversations/newsletter/unsubscribe/"
    )


def test_the_admin_lists_and_filters_issues_by_language(admin_client):
    NewsletterIssue.objects.create(subject="November news", language="en")
    NewsletterIssue.objects.create(subject="Infolettre de novembre", language="fr")
    html = admin_client.get("/admin/blog/newsletterissue/?language__exact=fr").content.decode()
    assert "Infolettre de novembre" in html and "November news" not in html


# -- comments, contact requests and proposals -------------------------------------------


def test_a_comment_records_the_language_of_its_page(client, themes):
    post = PostFactory(title_fr="Un article", slug_fr="un-article")
    with translation.override("fr"):
        url = f"{post.get_absolute_url()}comments/"
    data = {
        "name": "Léa",
        "email": "lea@example.org",
        "body": "Merci pour cet article.",
        "started": form_token(post, seconds_ago=60),
        "website": "",
    }
    assert client.post(url, data).status_code == 302
    assert Comment.objects.get().language == "fr"


@pytest.fixture
def private_idea(themes, settings):
    settings.EDITORS_EMAIL = ["editors@example.org"]
    return GoodIdeaFactory(
        title_en="Safe access clinic",
        title_fr="Clinique à accès sécuritaire",
        slug_en="safe-access-clinic",
        slug_fr="clinique-acces-securitaire",
        contact_name="Robin",
        contact_email="robin@example.org",
        contact_is_private=True,
    )


def ask_from(client, language, idea):
    with translation.override(language):
        url = f"{idea.get_absolute_url()}contact/"
    data = {"name": "Kim", "email": "kim@example.org", "message": "Pouvons-nous en parler?"}
    assert client.post(url, data).status_code == 302
    run_tasks()


def test_a_french_visitor_gets_the_contacts_reply_in_french(client, private_idea):
    ask_from(client, "fr", private_idea)
    assert ContactRequest.objects.get().language == "fr"
    [to_contact] = sent_to("robin@example.org")
    [to_editors] = sent_to("editors@example.org")
    # The contact's language is not known: the e-mail follows the visitor's message.
    assert to_contact.subject.startswith("Un message au sujet de «\xa0Clinique")
    assert_links_in("fr", to_contact.body)
    # The editors read in the site's language.
    assert to_editors.subject.startswith("[Cities of Migration] Message passed on")
    reply_path = re.search(r"http://testserver(/fr/good-ideas/contact-reply/\S+/)", to_contact.body)
    mail.outbox.clear()
    # The contact answers from the English page: the visitor still reads French.
    english_reply = reply_path[1].replace("/fr/", "/en/", 1)
    assert client.post(english_reply, {"message": "Oui, avec plaisir."}).status_code == 302
    run_tasks()
    [to_visitor] = sent_to("kim@example.org")
    assert to_visitor.subject.startswith("Une réponse au sujet de «\xa0Clinique")
    assert_links_in("fr", to_visitor.body)


def test_a_contact_who_proposed_the_idea_is_written_to_in_their_language(client, private_idea):
    GoodIdea.objects.filter(pk=private_idea.pk).update(
        submitter_email="Robin@example.org", submitter_language="en"
    )
    ask_from(client, "fr", private_idea)
    [to_contact] = sent_to("robin@example.org")
    assert to_contact.subject == "A message about “Safe access clinic” from Cities of Migration"
    assert_links_in("en", to_contact.body)


def test_an_idea_proposed_from_the_french_page_records_french(client, themes, settings):
    settings.EDITORS_EMAIL = ["editors@example.org"]
    canada = CountryFactory(code="CA", name="Canada")
    data = {
        "title": "Club d'échecs des nouveaux arrivants",
        "city": "Moncton",
        "province": "Nouveau-Brunswick",
        "country": canada.pk,
        "theme": themes["connect"].pk,
        "summary": "Des soirées d'échecs chaque semaine.",
        "story": "Deux bibliothécaires ont lancé le club en 2019.",
        "submitter_name": "Ada",
        "submitter_email": "ada@example.org",
    }
    assert client.post("/fr/good-ideas/submit/", data).status_code == 302
    assert GoodIdea.objects.get().submitter_language == "fr"
    run_tasks()
    [to_editors] = mail.outbox
    assert "/admin/goodideas/goodidea/" in to_editors.body
    assert to_editors.extra_headers["Content-Language"] == "en"


# -- feeds -----------------------------------------------------------------------------


def parse_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.fixture
def french_post(themes):
    return PostFactory(
        title_en="Toolkit launched",
        title_fr="Lancement de la trousse",
        slug_en="toolkit-launched",
        slug_fr="lancement-de-la-trousse",
        summary_fr="Une trousse pour les villes.",
        themes=["plan"],
        tags=["trousse"],
    )


@pytest.mark.parametrize("suffix", ["", "atom/"])
def test_the_french_blog_feed_is_in_french_with_french_links(client, french_post, suffix):
    english_only = PostFactory(title_en="Only in English", slug_en="only-in-english")
    feed = parse_feed(client, f"/fr/conversations/feed/{suffix}")
    assert feed.feed.language == "fr"
    assert feed.feed.title == "Conversations sur l'intégration · Cities of Migration"
    assert feed.feed.link == "http://testserver/fr/conversations/"
    entries = {entry.title: entry for entry in feed.entries}
    # A post without a French title falls back to its English one.
    assert set(entries) == {"Lancement de la trousse", "Only in English"}
    french = entries["Lancement de la trousse"]
    assert french.link == "http://testserver/fr/conversations/lancement-de-la-trousse/"
    assert french.summary == "Une trousse pour les villes."
    assert entries["Only in English"].link.startswith("http://testserver/fr/conversations/")
    assert english_only.slug_en in entries["Only in English"].link
    english = parse_feed(client, f"/en/conversations/feed/{suffix}")
    assert english.feed.language == "en"
    assert {entry.title for entry in english.entries} == {"Toolkit launched", "Only in English"}


def test_the_french_theme_tag_and_collection_feeds_are_in_french(client, french_post):
    theme = parse_feed(client, "/fr/conversations/feed/theme/plan/")
    assert theme.feed.language == "fr"
    assert theme.feed.title == "Conversations sur l'intégration\xa0: Planifier"
    assert [entry.link for entry in theme.entries] == [
        "http://testserver/fr/conversations/lancement-de-la-trousse/"
    ]
    tag = parse_feed(client, "/fr/tags/trousse/feed/")
    assert tag.feed.language == "fr"
    assert tag.feed.title == "Cities of Migration\xa0: mot-clé «\xa0trousse\xa0»"
    assert tag.entries[0].link == "http://testserver/fr/conversations/lancement-de-la-trousse/"
    collection = CollectionFactory(name="Libraries", name_fr="Bibliothèques")
    GoodIdeaFactory(
        title_en="Newcomer chess club",
        title_fr="Club d'échecs",
        slug_fr="club-d-echecs",
        collections=[collection],
    )
    feed = parse_feed(client, f"/fr/good-ideas/collections/{collection.slug}/feed/")
    assert feed.feed.language == "fr"
    assert feed.feed.title == "Bonnes idées\xa0: Bibliothèques"
    assert [entry.title for entry in feed.entries] == ["Club d'échecs"]
    assert feed.entries[0].link == "http://testserver/fr/good-ideas/club-d-echecs/"


def test_the_french_events_feed_and_calendar_are_in_french(client, bilingual_event):
    feed = parse_feed(client, "/fr/learning-exchange/feed/")
    assert feed.feed.language == "fr"
    assert feed.feed.title == "Cities of Migration — Échange d'apprentissage"
    [entry] = feed.entries
    assert entry.title == "Les politiques d'accueil en pratique"
    assert entry.link == "http://testserver/fr/learning-exchange/politiques-d-accueil/"
    assert "lundi 1er décembre 2031" in entry.summary and "13 h 30" in entry.summary

    response = client.get("/fr/learning-exchange/calendar.ics")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Cities of Migration — Échange d'apprentissage"
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Les politiques d'accueil en pratique"
    assert str(vevent["LOCATION"]) == "En ligne"  # the public file: never the join link
    assert "/fr/learning-exchange/politiques-d-accueil/" in str(vevent["URL"])

    with translation.override("en"):
        english_ics = f"{bilingual_event.get_absolute_url()}calendar.ics"
    [vevent] = icalendar.Calendar.from_ical(client.get(english_ics).content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Welcoming policies in practice"
    assert vevent["SUMMARY"].params["LANGUAGE"] == "en"
