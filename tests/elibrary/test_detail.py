"""A resource's page: its other language versions, the download, how to cite it, what
search engines read, related content; drafts stay hidden from the public."""

from datetime import timedelta

import pytest
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from tests.elibrary import pages
from tests.elibrary.documents import docx_bytes, pdf_bytes, upload
from tests.factories import (
    CityFactory,
    GoodIdeaFactory,
    OrganisationFactory,
    ResourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def toolkit(themes):
    """An English toolkit with a PDF and its French translation."""
    original = ResourceFactory(
        title="Immigrant Futures Toolkit",
        slug="immigrant-futures-toolkit",
        resource_type="toolkit",
        authors=["Valerie Preston", "John Shields", "Mireille Paquet"],
        publisher=OrganisationFactory(name="CERC Migration"),
        year=2019,
        month=6,
        document=upload("futures.pdf", pdf_bytes("Scenarios for 2040.")),
    )
    ResourceFactory(
        title="Boîte à outils Avenirs immigrants",
        slug="avenirs-immigrants",
        language="fr",
        translation_of=original,
        resource_type="toolkit",
        year=2019,
    )
    return original


def test_the_english_page_offers_the_french_version_and_back(client, toolkit):
    english = client.get("/en/e-library/immigrant-futures-toolkit/")
    assert pages.versions_line(english) == "Also in Français"
    assert pages.other_versions(english) == {"Français": "/en/e-library/avenirs-immigrants/"}
    french = client.get("/en/e-library/avenirs-immigrants/")
    assert pages.versions_line(french) == "Also in English"
    assert pages.other_versions(french) == {"English": "/en/e-library/immigrant-futures-toolkit/"}


def test_two_translations_link_to_each_other_through_the_original(client, toolkit):
    ResourceFactory(title="Kit Futuros", slug="kit-futuros", language="es", translation_of=toolkit)
    french = client.get("/en/e-library/avenirs-immigrants/")
    assert pages.other_versions(french) == {
        "English": "/en/e-library/immigrant-futures-toolkit/",
        "Español": "/en/e-library/kit-futuros/",
    }


def test_a_translation_that_is_not_published_is_not_offered(client, toolkit):
    ResourceFactory(
        title="Kit Futuros", slug="kit-futuros", language="es", translation_of=toolkit, draft=True
    )
    english = client.get("/en/e-library/immigrant-futures-toolkit/")
    assert list(pages.other_versions(english)) == ["Français"]


def test_a_resource_in_one_language_offers_no_other_versions(client, themes):
    resource = ResourceFactory()
    assert pages.versions_line(client.get(resource.get_absolute_url())) == ""


def test_the_download_button_names_the_file_type_and_size(client, toolkit):
    href, label = pages.download_button(client.get(toolkit.get_absolute_url()))
    assert href == "/en/e-library/immigrant-futures-toolkit/download/"
    assert label == " ".join(f"Download PDF ({filesizeformat(toolkit.file_size)})".split())


def test_a_word_document_is_offered_as_word(client):
    resource = ResourceFactory(document=upload("notes.docx", docx_bytes("Notes")))
    _, label = pages.download_button(client.get(resource.get_absolute_url()))
    assert label.startswith("Download Word (") and label.endswith("KB)")


def test_a_link_only_resource_offers_the_link_and_no_download(client):
    resource = ResourceFactory(external_url="https://example.org/report")
    response = client.get(resource.get_absolute_url())
    assert pages.download_button(response) is None
    assert 'href="https://example.org/report"' in pages.text(response)


def test_apa_and_chicago_citations_give_authors_year_and_title(client, toolkit):
    cited = pages.citations(client.get(toolkit.get_absolute_url()))
    url = "http://testserver/en/e-library/immigrant-futures-toolkit/"
    assert cited["APA"] == (
        "Preston, V., Shields, J., & Paquet, M. (2019, June). Immigrant Futures Toolkit. "
        f"CERC Migration. {url}"
    )
    assert cited["Chicago"] == (
        "Preston, Valerie, John Shields, and Mireille Paquet. Immigrant Futures Toolkit. "
        f"CERC Migration, 2019. {url}."
    )


def test_without_authors_the_publisher_stands_as_the_author(client):
    resource = ResourceFactory(
        title="Cities of Migration Vision",
        publisher=OrganisationFactory(name="Maytree Foundation"),
        year=2008,
    )
    cited = pages.citations(client.get(resource.get_absolute_url()))
    assert cited["APA"].startswith("Maytree Foundation (2008). Cities of Migration Vision.")


def test_a_title_with_markup_characters_is_cited_as_text(client):
    resource = ResourceFactory(
        title="Jobs & Homes <for> Newcomers",
        authors=["Ann <b>Lee</b>"],
        publisher=OrganisationFactory(name="Smith & Sons"),
    )
    shown = pages.citation_html(client.get(resource.get_absolute_url()))
    for style in ("APA", "Chicago"):
        assert "<for>" not in shown[style] and "<b>" not in shown[style]
        assert "Jobs &amp; Homes &lt;for&gt; Newcomers" in shown[style]
        assert "Smith &amp; Sons" in shown[style]
        assert "<i>Jobs &amp; Homes &lt;for&gt; Newcomers</i>" in shown[style]


def test_structured_data_parses_and_describes_the_resource(client, toolkit):
    data = pages.json_ld(client.get(toolkit.get_absolute_url()))
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "Immigrant Futures Toolkit"
    assert data["datePublished"] == "2019-06"
    assert [author["name"] for author in data["author"]] == [
        "Valerie Preston",
        "John Shields",
        "Mireille Paquet",
    ]
    assert data["publisher"]["name"] == "CERC Migration"
    assert data["encoding"]["encodingFormat"] == "application/pdf"
    assert data["workTranslation"] == [
        {
            "@type": "CreativeWork",
            "url": "http://testserver/fr/e-library/avenirs-immigrants/",
            "inLanguage": "fr",
        }
    ]


def test_structured_data_survives_a_title_that_tries_to_close_the_script(client):
    title = 'Closing </script><script>alert("x")</script> & more'
    resource = ResourceFactory(title=title, abstract="Ends </script> here")
    response = client.get(resource.get_absolute_url())
    assert "<script>alert" not in pages.text(response)
    data = pages.json_ld(response)
    assert (data["name"], data["abstract"]) == (title, "Ends </script> here")


def test_related_good_ideas_and_resources_are_shown_when_published(client, themes):
    idea = GoodIdeaFactory(title="Welcome Centre", cities=[CityFactory()])
    hidden_idea = GoodIdeaFactory(title="Draft idea", draft=True)
    other = ResourceFactory(title="Companion guide")
    hidden = ResourceFactory(title="Unpublished companion", draft=True)
    resource = ResourceFactory(related_ideas=[idea, hidden_idea], related_resources=[other, hidden])
    response = client.get(resource.get_absolute_url())
    assert "Welcome Centre" in pages.text(response)
    assert "Draft idea" not in pages.text(response)
    assert pages.section_card_titles(response, "related-resources-title") == ["Companion guide"]
    # Related resources are related both ways.
    back = client.get(other.get_absolute_url())
    assert resource.title in pages.section_card_titles(back, "related-resources-title")


# -- drafts ------------------------------------------------------------------------------


@pytest.fixture
def draft():
    return ResourceFactory(
        title="Unreleased findings",
        draft=True,
        document=upload("secret.pdf", pdf_bytes("Not yet public.")),
    )


def hidden_urls(resource):
    url = resource.get_absolute_url()
    return [url, f"{url}download/", f"{url}cite.bib", f"{url}cite.ris"]


@pytest.mark.parametrize("visitor", ["anonymous", "signed-in user", "staff, not an editor"])
def test_a_draft_and_its_file_are_not_found_except_by_editors(client, draft, visitor):
    if visitor == "signed-in user":
        client.force_login(UserFactory())
    elif visitor == "staff, not an editor":
        client.force_login(UserFactory(is_staff=True))
    for url in hidden_urls(draft):
        assert client.get(url).status_code == 404, url


def test_a_scheduled_resource_is_not_found_before_its_date(client):
    scheduled = ResourceFactory(scheduled=True, published_at=timezone.now() + timedelta(days=2))
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_an_editor_previews_a_draft_with_a_banner_and_no_indexing(editor_client, draft):
    response = editor_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    banner = "Preview for editors: this resource is not public (status: Draft)."
    assert banner in pages.text(response)
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]


def test_a_published_resource_has_no_preview_banner(editor_client):
    response = editor_client.get(ResourceFactory().get_absolute_url())
    assert "Preview for editors" not in pages.text(response)
    assert not response.has_header("X-Robots-Tag")
