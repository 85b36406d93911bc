import pytest

from citiesofmigration.models import Theme
from citiesofmigration.vocabulary import ensure_themes


@pytest.fixture(autouse=True)
def _plain_http(settings):
    """Tests talk plain HTTP to the test client and the live server."""
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded and generated files (demo documents, images) go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def themes(db):
    """The five themes. A data migration creates them, but transactional tests flush
    the database between tests, so tests that need them ask for this fixture."""
    ensure_themes(Theme)
    return {theme.slug: theme for theme in Theme.objects.all()}
