"""`manage.py check --deploy` names the addresses still left at their local defaults."""

from citiesofmigration.checks import LOCAL_ADDRESSES_IN_PRODUCTION, public_addresses_configured


def test_local_default_addresses_are_reported_in_production(settings):
    settings.DEBUG = False
    settings.CONTACT_EMAIL = "editors@localhost"
    settings.EDITORS_EMAIL = ["editors@localhost"]
    settings.DEFAULT_FROM_EMAIL = "Cities of Migration <noreply@localhost>"
    settings.SITE_URL = "http://127.0.0.1:8000"
    [warning] = public_addresses_configured()
    assert warning.id == LOCAL_ADDRESSES_IN_PRODUCTION
    for name in ["CONTACT_EMAIL", "DEFAULT_FROM_EMAIL", "EDITORS_EMAIL", "SITE_URL"]:
        assert name in warning.msg


def test_real_addresses_pass(settings):
    settings.DEBUG = False
    settings.CONTACT_EMAIL = "contact@citiesofmigration.example"
    settings.EDITORS_EMAIL = ["editors@citiesofmigration.example"]
    settings.DEFAULT_FROM_EMAIL = "Cities of Migration <noreply@citiesofmigration.example>"
    settings.SITE_URL = "https://citiesofmigration.example"
    assert public_addresses_configured() == []


def test_local_work_is_not_nagged(settings):
    settings.DEBUG = True
    settings.CONTACT_EMAIL = "editors@localhost"
    assert public_addresses_configured() == []
