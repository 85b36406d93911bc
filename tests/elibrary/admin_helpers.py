"""Filling in the E-Library admin forms the way an editor does in the browser."""

from tests.elibrary import pages

RESOURCES = "/admin/elibrary/resource/"


def add_form(client, **values) -> dict:
    """The "add resource" form's defaults, with the given fields filled in."""
    response = client.get(f"{RESOURCES}add/")
    assert response.status_code == 200
    data = pages.admin_form_data(response)
    data.update(
        {
            "title": "Welcoming Cities Handbook",
            "slug": "welcoming-cities-handbook",
            "resource_type": "guide",
            "language": "en",
            "year": "2021",
            **values,
        }
    )
    return data


def change_form(client, resource, **values) -> dict:
    """A resource's change form as the editor sees it, with the given fields changed."""
    response = client.get(f"{RESOURCES}{resource.pk}/change/")
    assert response.status_code == 200
    data = pages.admin_form_data(response)
    data.update(values)
    return data


def change_url(resource) -> str:
    return f"{RESOURCES}{resource.pk}/change/"
