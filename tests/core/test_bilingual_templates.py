"""Issue 11: what a French or English page shows of content written in the other language.

A Good Idea (like events, posts, themes and collections) has one column per language: where
its French is missing, the French page shows the English inside an element marked
lang="en", with a note saying so, never a blank. An E-Library resource is written in one
language, with its editions in others as resources of their own: shown on a page in
another language, its title and abstract say their language, and the header's toggle on
its page leads to its edition in the other language."""

import lxml.html
import pytest

from tests.factories import GoodIdeaFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def parsed(response):
    assert response.status_code == 200
    return lxml.html.document_fromstring(response.content.decode())


def text(element):
    return " ".join(element.text_content().split())


def only(elements):
    elements = list(elements)
    assert len(elements) == 1, [lxml.html.tostring(e, encoding="unicode") for e in elements]
    return elements[0]


def toggle_href(page):
    return only(page.xpath('//nav[@class="language-toggle"]//a')).get("href")


@pytest.fixture
def english_only_idea(themes):
    return GoodIdeaFactory(
        title="Welcome centre for newcomers",
        slug="welcome-centre",
        summary="One door for every service a newcomer needs in the first months.",
        story="<p>The city opened the centre with three settlement agencies.</p>",
        results="Two thousand visits in the first year.\n<b>A second centre</b> in 2012.",
    )


def test_a_french_page_of_an_idea_without_french_shows_the_english_marked_as_english(
    client, english_only_idea
):
    page = parsed(client.get("/fr/good-ideas/welcome-centre/"))
    assert page.get("lang") == "fr"

    heading = only(page.xpath("//article//h1"))
    english = only(heading.xpath('.//*[@lang="en"]'))
    assert text(english) == "Welcome centre for newcomers"
    assert text(only(heading.xpath('.//*[@class="lang-note"]'))) == "(en anglais)"

    lead = only(page.xpath('//article//p[@class="lead"]'))
    assert text(only(lead.xpath('.//*[@lang="en"]'))) == english_only_idea.summary

    # The story: a block in English, after a sentence in French saying so.
    story = only(page.xpath('//div[@class="prose"]/div[@lang="en"]'))
    assert text(story) == "The city opened the centre with three settlement agencies."
    note = story.getprevious()
    assert note.get("class") == "lang-note"
    assert "anglais" in text(note) and "not yet translated" not in text(note)

    # Plain text in lines keeps its line breaks, escaped, inside the English span.
    results = only(page.xpath('//p[@class="prose"]/span[@lang="en"]'))
    assert results.text == "Two thousand visits in the first year."
    assert only(results.xpath("./*")).tag == "br"
    assert results.xpath("./br")[0].tail == "<b>A second centre</b> in 2012."

    # Where no element can carry lang (the <title>, meta), the text is there, unmarked.
    assert page.findtext(".//title").startswith("Welcome centre for newcomers · ")


def test_with_french_text_the_french_page_shows_the_french_and_no_note(client, english_only_idea):
    idea = english_only_idea
    idea.title_fr = "Un guichet unique pour les nouveaux arrivants"
    idea.slug_fr = "guichet-unique"
    idea.summary_fr = "Une seule porte pour tous les services des premiers mois."
    idea.story_fr = "<p>La ville a ouvert le centre avec trois organismes d’établissement.</p>"
    idea.results_fr = "Deux mille visites la première année."
    idea.save()

    page = parsed(client.get("/fr/good-ideas/guichet-unique/"))
    heading = only(page.xpath("//article//h1"))
    assert text(heading) == "Un guichet unique pour les nouveaux arrivants"
    assert text(only(page.xpath('//article//p[@class="lead"]'))) == idea.summary_fr
    assert "trois organismes d’établissement" in text(only(page.xpath("//article")))
    # The idea's own texts (its header, story, results): none in English, no note.
    parts = page.xpath('//article/header | //div[@class="idea__main"]')
    assert len(parts) == 2
    for part in parts:
        assert not part.xpath('.//*[@class="lang-note"]')
        assert not part.xpath('.//*[@lang="en"]')

    # And the English page of the same idea shows the English, unmarked.
    english = parsed(client.get("/en/good-ideas/welcome-centre/"))
    assert text(only(english.xpath("//article//h1"))) == "Welcome centre for newcomers"
    assert not english.xpath('//article//*[@class="lang-note"]')


def test_an_idea_card_on_a_french_list_marks_its_english_title(client, english_only_idea):
    page = parsed(client.get("/fr/good-ideas/"))
    link = only(page.xpath('//article[contains(@class, "idea-card")]//h3/a'))
    assert text(only(link.xpath('./span[@lang="en"]'))) == "Welcome centre for newcomers"
    assert text(only(link.xpath('./span[@class="lang-note"]'))) == "(en anglais)"


@pytest.fixture
def toolkit(themes):
    """An English toolkit and its French edition."""
    english = ResourceFactory(
        title="Immigrant Futures Toolkit",
        slug="immigrant-futures-toolkit",
        abstract="How smaller communities plan to attract and keep newcomers.",
    )
    french = ResourceFactory(
        title="Boîte à outils Avenirs immigrants",
        slug="avenirs-immigrants",
        language="fr",
        abstract="Comment les petites collectivités planifient l’accueil des nouveaux arrivants.",
        translation_of=english,
    )
    return english, french


def card_titled(page, title):
    links = page.xpath('//article[contains(@class, "resource-card")]//h3/a')
    return only([link for link in links if text(link) == title])


def test_a_french_resource_on_an_english_list_says_it_is_french(client, toolkit):
    english, french = toolkit
    page = parsed(client.get("/en/e-library/", {"all_versions": "true"}))
    french_link = card_titled(page, "Boîte à outils Avenirs immigrants")
    assert french_link.get("lang") == "fr"
    abstract = only(
        p
        for p in page.xpath('//article[contains(@class, "resource-card")]/p')
        if text(p) == french.abstract
    )
    assert abstract.get("lang") == "fr"
    # The English edition, on its own language's page, needs no mark.
    assert card_titled(page, "Immigrant Futures Toolkit").get("lang") is None

    # On the French list it is the other way round.
    page = parsed(client.get("/fr/e-library/", {"all_versions": "true"}))
    assert card_titled(page, "Immigrant Futures Toolkit").get("lang") == "en"
    assert card_titled(page, "Boîte à outils Avenirs immigrants").get("lang") is None


def test_a_resource_page_marks_its_title_and_abstract_when_the_page_is_in_another_language(
    client, toolkit
):
    english, french = toolkit
    page = parsed(client.get("/en/e-library/avenirs-immigrants/"))
    assert only(page.xpath("//article//h1")).get("lang") == "fr"
    abstract = only(p for p in page.xpath("//article//p") if text(p) == french.abstract)
    assert abstract.get("lang") == "fr"
    # The interface around it stays in the page's language: no lang on the article.
    assert only(page.xpath("//article")).get("lang") is None

    page = parsed(client.get("/fr/e-library/avenirs-immigrants/"))
    assert only(page.xpath("//article//h1")).get("lang") is None


def test_the_toggle_on_a_resource_leads_to_its_edition_in_the_other_language(client, toolkit):
    english = parsed(client.get("/en/e-library/immigrant-futures-toolkit/"))
    assert toggle_href(english) == "/fr/e-library/avenirs-immigrants/"
    french = parsed(client.get("/fr/e-library/avenirs-immigrants/"))
    assert toggle_href(french) == "/en/e-library/immigrant-futures-toolkit/"
    # The head names each edition as the page in its language.
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in english.xpath('//head/link[@rel="alternate"][@hreflang]')
    }
    assert alternates["fr"].endswith("/fr/e-library/avenirs-immigrants/")
    assert alternates["en"].endswith("/en/e-library/immigrant-futures-toolkit/")


def test_the_toggle_on_a_resource_without_an_edition_keeps_the_same_resource(client, themes):
    ResourceFactory(title="Sanctuary cities report", slug="sanctuary-cities")
    page = parsed(client.get("/en/e-library/sanctuary-cities/"))
    assert toggle_href(page) == "/fr/e-library/sanctuary-cities/"
    page = parsed(client.get("/fr/e-library/sanctuary-cities/"))
    assert toggle_href(page) == "/en/e-library/sanctuary-cities/"
    assert only(page.xpath("//article//h1")).get("lang") == "en"


def test_an_unpublished_edition_is_not_where_the_toggle_leads(client, toolkit):
    english, french = toolkit
    french.status = "draft"
    french.published_at = None
    french.save()
    page = parsed(client.get("/en/e-library/immigrant-futures-toolkit/"))
    assert toggle_href(page) == "/fr/e-library/immigrant-futures-toolkit/"
