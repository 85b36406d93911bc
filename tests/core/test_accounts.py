"""Who can log in to the admin: the local editor only in development, and anyone else
only until repeated failures lock the account name or the address out.

Every test goes through the real admin login form. pytest-django runs with DEBUG off, as
production does; the tests that need a development run turn it on explicitly."""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from citiesofmigration.checks import LOCAL_EDITOR_EXISTS, local_editor_absent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "a long editor passphrase"
WRONG_LOGIN = "Please enter the correct username and password"
LOCKED_OUT = "Too many login attempts"


def log_in(client, username, password, address="198.51.100.10", **headers):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def is_logged_in(client):
    return client.get("/admin/").status_code == 200


def make_editor(username):
    user = UserFactory(username=username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def local_editor(settings):
    settings.DEBUG = True
    call_command("create_local_editor", stdout=StringIO())
    settings.DEBUG = False


# -- The local editor ----------------------------------------------------------------------


def test_the_local_editor_logs_in_during_development(client, local_editor, settings):
    """Control: the account and the form work; only DEBUG decides."""
    settings.DEBUG = True
    response = log_in(client, "editor", "editor")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert is_logged_in(client)


def test_the_local_editor_is_refused_with_debug_off_and_told_why(client, local_editor):
    response = log_in(client, "editor", "editor")
    assert response.status_code == 200
    assert "works only in local development" in response.content.decode()
    assert not is_logged_in(client)


def test_the_local_editor_is_refused_by_the_backend_itself(rf, local_editor):
    """Any login path, not only the admin form, goes through the backend."""
    from django.contrib.auth import authenticate

    request = rf.post(LOGIN)
    assert authenticate(request, username="editor", password="editor") is None


def test_a_session_opened_in_development_ends_when_debug_goes_off(client, local_editor, settings):
    settings.DEBUG = True
    assert log_in(client, "editor", "editor").status_code == 302
    assert is_logged_in(client)
    settings.DEBUG = False
    assert not is_logged_in(client)


def test_deploy_check_warns_while_the_local_editor_exists(local_editor):
    def deploy_check_output():
        output = StringIO()
        # Listed, not raised: other checks' findings in the test run are not ours to judge.
        call_command("check", deploy=True, fail_level="CRITICAL", stdout=output, stderr=output)
        return output.getvalue()

    assert [issue.id for issue in local_editor_absent()] == [LOCAL_EDITOR_EXISTS]
    assert LOCAL_EDITOR_EXISTS in deploy_check_output()
    UserFactory._meta.model.objects.filter(username="editor").delete()
    assert local_editor_absent() == []
    assert LOCAL_EDITOR_EXISTS not in deploy_check_output()


def test_deploy_check_is_quiet_in_development(local_editor, settings):
    settings.DEBUG = True
    assert local_editor_absent() == []


# -- Lock-outs -------------------------------------------------------------------------------


class CountingHasher(MD5PasswordHasher):
    """A fast hasher that counts the hashes computed: the cost a login flood imposes."""

    algorithm = "counting_md5"
    computed = 0

    def encode(self, password, salt):
        CountingHasher.computed += 1
        return super().encode(password, salt)


@pytest.fixture
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = ["tests.core.test_accounts.CountingHasher"]
    CountingHasher.computed = 0
    return CountingHasher


def test_an_account_locks_after_five_failures_even_for_the_right_password(client, counting_hasher):
    make_editor("ana")
    for n in range(5):
        log_in(client, "ana", f"guess {n}")

    hashes_before = counting_hasher.computed
    assert hashes_before >= 5  # control: each wrong password before the lock was hashed
    # From another address, with the right password: the account itself is locked.
    response = log_in(client, "ana", PASSWORD, address="203.0.113.99")
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED_OUT in page and "You can try again after" in page
    assert "editors@localhost" in page  # whom to ask
    assert not is_logged_in(client)
    # Refused before authentication: no password was hashed for the locked-out attempt.
    assert counting_hasher.computed == hashes_before


def test_the_fifth_failure_is_answered_with_the_lockout_page(client):
    make_editor("ben")
    responses = [log_in(client, "ben", f"guess {n}") for n in range(1, 6)]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert WRONG_LOGIN in responses[3].content.decode()
    assert LOCKED_OUT in responses[4].content.decode()


def test_a_password_spray_from_one_address_locks_that_address(client):
    make_editor("carla")
    for n in range(5):
        log_in(client, f"guessed-name-{n}", "Winter2025!", address="192.0.2.50")
    assert log_in(client, "carla", PASSWORD, address="192.0.2.50").status_code == 429
    # The lock is on the address, not on everyone: carla elsewhere logs in.
    assert log_in(client, "carla", PASSWORD, address="192.0.2.51").status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_address_lock(client, settings):
    """With no proxy configured (TRUSTED_PROXY_COUNT=0) X-Forwarded-For is the client's
    own word, so changing it on every attempt changes nothing."""
    assert settings.TRUSTED_PROXY_COUNT == 0
    make_editor("dora")
    for n in range(5):
        log_in(client, f"name-{n}", "guess", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    response = log_in(client, "dora", PASSWORD, HTTP_X_FORWARDED_FOR="10.0.0.77")
    assert response.status_code == 429


def test_behind_a_trusted_proxy_each_client_is_counted_separately(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    make_editor("eve")
    proxy = "192.0.2.1"
    for n in range(5):
        log_in(client, f"name-{n}", "guess", address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
    locked = log_in(client, "eve", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert locked.status_code == 429
    other = log_in(client, "eve", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert other.status_code == 302


def test_the_lock_ends_after_the_cool_off(client):
    make_editor("fay")
    for n in range(5):
        log_in(client, "fay", f"guess {n}")
    assert log_in(client, "fay", PASSWORD).status_code == 429
    # Sixteen minutes later (the attempts' clock moved back rather than waiting).
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(client, "fay", PASSWORD).status_code == 302


def test_a_superuser_unlocks_an_account_from_the_command_line(client):
    make_editor("gus")
    for n in range(5):
        log_in(client, "gus", f"guess {n}", address=f"192.0.2.{n}")
    assert log_in(client, "gus", PASSWORD, address="192.0.2.200").status_code == 429
    call_command("axes_reset_username", "gus", stdout=StringIO())
    assert log_in(client, "gus", PASSWORD, address="192.0.2.200").status_code == 302


def test_a_superuser_sees_and_removes_lockouts_in_the_admin_and_editors_do_not(client):
    make_editor("hal")
    for n in range(5):
        log_in(client, "hal", f"guess {n}")
    attempt = AccessAttempt.objects.get(username="hal")

    client.force_login(make_editor("ivy"))
    assert client.get("/admin/axes/accessattempt/").status_code == 403

    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    listing = client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "hal" in listing.content.decode()
    delete_url = f"/admin/axes/accessattempt/{attempt.pk}/delete/"
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    client.logout()
    assert log_in(client, "hal", PASSWORD).status_code == 302
