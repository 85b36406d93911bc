"""Finishing touches a visitor notices (issue 10): the footer's contact, privacy notice,
accessibility statement and feeds; privacy notes that name the real contact; theme cards
with their whole intro; a share box on every content page that works without JavaScript."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from citiesofmigration.models import Theme
from citiesofmigration.vocabulary import THEMES, ensure_themes
from tests.factories import EventFactory, GoodIdeaFactory, PostFactory, ResourceFactory

pytestmark = pytest.mark.django_db

CONTACT = "privacy@cities.example"


@pytest.fixture(autouse=True)
def _contact(settings):
    settings.CONTACT_EMAIL = CONTACT


def footer_of(response):
    html = response.content.decode()
    return html[html.index('<footer class="site-footer">') :]


def test_every_page_has_a_footer_with_contact_privacy_accessibility_and_feeds(client, themes):
    footer = footer_of(client.get("/en/"))
    assert f'href="mailto:{CONTACT}"' in footer
    assert f'href="{reverse("privacy")}"' in footer and "Privacy notice" in footer
    assert f'href="{reverse("accessibility")}"' in footer and "Accessibility statement" in footer
    for name in ("blog:feed", "blog:atom_feed", "events:rss", "events:calendar"):
        url = reverse(name)
        assert f'href="{url}"' in footer, name
        assert client.get(url).status_code == 200, name
    assert "(RSS)" in footer and "(Atom)" in footer and "(iCal)" in footer


def test_the_privacy_notice_names_the_contact_and_how_long_data_is_kept(client, settings):
    settings.EVENTS_ANONYMISE_AFTER_DAYS = 60
    page = client.get(reverse("privacy"))
    assert page.status_code == 200
    text = " ".join(unescape(page.content.decode()).split())
    assert f"mailto:{CONTACT}" in text
    assert "editors@localhost" not in text
    assert "60 days after the event" in text
    assert text.count("<h1") == 1


def test_the_accessibility_statement_says_what_was_tested_its_limits_and_whom_to_tell(client):
    page = client.get(reverse("accessibility"))
    assert page.status_code == 200
    text = " ".join(unescape(page.content.decode()).split())
    for words in ("WCAG 2.2", "axe-core", "Nu HTML Checker", "keyboard", "Known limits"):
        assert words in text
    assert f"mailto:{CONTACT}" in text


def test_privacy_notes_on_forms_name_the_contact_from_settings(client, themes):
    event = EventFactory()
    registration_form = client.get(event.get_absolute_url()).content.decode()
    notice = registration_form[registration_form.index('id="privacy-notice"') :]
    notice = notice[: notice.index("</div>")]
    assert f"mailto:{CONTACT}" in notice
    assert "editors@localhost" not in notice
    newsletter = client.get(reverse("blog:newsletter")).content.decode()
    assert f"mailto:{CONTACT}" in newsletter


def test_theme_cards_show_the_whole_intro_not_a_cut_description(client, themes):
    html = unescape(client.get("/en/").content.decode())
    for theme in THEMES:
        assert theme["intro"] in html
        assert len(theme["intro"]) <= 200
    assert "…" not in html[html.index('id="themes-title"') : html.index("</ul>")]


def test_ensure_themes_fills_an_empty_intro_and_keeps_an_editors_own(themes):
    Theme.objects.filter(slug="live").update(intro="")  # a database from before the field
    Theme.objects.filter(slug="work").update(intro="Our editors' words.")
    ensure_themes(Theme)
    ensure_themes(Theme)  # idempotent
    assert Theme.objects.get(slug="live").intro == THEMES[0]["intro"]
    assert Theme.objects.get(slug="work").intro == "Our editors' words."
    assert Theme.objects.count() == 5


@pytest.mark.parametrize("make", [GoodIdeaFactory, ResourceFactory, EventFactory, PostFactory])
def test_content_pages_offer_a_share_box_that_works_without_javascript(client, themes, make):
    item = make(title="Welcoming newcomers & neighbours")
    html = client.get(item.get_absolute_url()).content.decode()
    address = f"http://testserver{item.get_absolute_url()}"
    field = re.search(r'<input id="share-url"[^>]*>', html).group(0)
    assert f'value="{address}"' in field and "readonly" in field
    assert re.search(r'<label for="share-url">', html)
    mailto = unescape(re.search(r'href="(mailto:[^"]+)"[^>]*>Share by e-mail<', html).group(1))
    query = parse_qs(urlsplit(mailto).query)
    assert query == {"subject": ["Welcoming newcomers & neighbours"], "body": [address]}
    # The "Copy link" button is the script's to show; hidden until then.
    assert re.search(r"<button[^>]*data-copy-from=\"share-url\"[^>]*hidden", html)
    assert "js/share" in html


def test_drafts_seen_by_editors_have_no_share_box(admin_client, themes):
    draft = GoodIdeaFactory(draft=True)
    html = admin_client.get(draft.get_absolute_url()).content.decode()
    assert 'id="share-url"' not in html
