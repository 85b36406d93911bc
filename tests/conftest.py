import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import translation

from citiesofmigration.models import Theme
from citiesofmigration.vocabulary import ensure_themes


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """No autovacuum in the throwaway test database. Run while a test's tables happen to
    be empty (between transactional tests), it records "0 rows" for them; the planner
    then picks nested loops without index conditions for data a later test creates inside
    its transaction, and one query was seen to run for minutes. Without those statistics
    PostgreSQL estimates from table sizes, as it should for data that changes per test."""
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            """
            DO $$
            DECLARE t record;
            BEGIN
              FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
                EXECUTE format(
                  'ALTER TABLE public.%I SET (autovacuum_enabled = false, '
                  'toast.autovacuum_enabled = false)', t.tablename);
              END LOOP;
            END $$;
            """
        )


@pytest.fixture(autouse=True)
def _plain_http(settings):
    """Tests talk plain HTTP to the test client and the live server."""
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language. A request to a /fr/ page activates French
    for the thread and Django leaves it active afterwards, so without this a service
    called by a later test (an e-mail, a registration's recorded language) would speak
    French."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


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
