"""An access or deletion request, portal-wide: the one privacy service finds, exports and
erases everything about an e-mail address, from the admin page and from the command line,
and the erase leaves no trace of the address in a full dump of the database."""

import json
import re
import subprocess

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django_tasks_db.models import DBTaskResult

from blog.models import Comment, Subscriber
from citiesofmigration import privacy
from citiesofmigration.backups import libpq_environment, pg_tool
from citiesofmigration.editors import EDITORS_GROUP, sync_editors_group
from citiesofmigration.mail import queue_email
from events import services as event_services
from events.models import Registration
from goodideas.models import GoodIdea
from tests.factories import (
    EventFactory,
    GoodIdeaFactory,
    PostCommentFactory,
    PostFactory,
    RegistrationFactory,
    SubscriberFactory,
    UserFactory,
)
from tests.tasks import run_tasks

ADDRESS = "alex.erase@example.org"
# Contains ADDRESS as a substring: must survive, proving that only the address is erased.
NEIGHBOUR = "xalex.erase@example.org"
PAGE = "/admin/personal-data/"

SECTIONS_HOLDING_IT = {
    "registrations": 2,
    "newsletter": 1,
    "comments": 2,
    "submitted_ideas": 1,
    "idea_contacts": 1,
    "emails": 2,  # a confirmation e-mail sent, a newsletter e-mail still waiting
    "admin_history": 1,
}


def the_address_everywhere(themes):
    """A portal holding ADDRESS (in mixed case) in every section, next to a neighbour."""
    full = EventFactory(title="Seats for the erase test", capacity=1)
    event_services.register_for_event(event=full, name="Alex Erase", email=ADDRESS.upper())
    event_services.register_for_event(event=full, name="Wait Ing", email="waiting@example.org")
    event_services.register_for_event(event=EventFactory(), name="Next Door", email=NEIGHBOUR)
    RegistrationFactory(
        event=EventFactory(), name="Alex Erase", email="Alex.Erase@Example.org", cancelled=True
    )
    run_tasks()  # the confirmation e-mails are sent: their rows stay in the task table
    subscriber = SubscriberFactory(email=ADDRESS)
    SubscriberFactory(email=NEIGHBOUR)
    queue_email(subject="Conversations, this month", body="Hello", to=[ADDRESS])  # waiting
    post = PostFactory(title="A post with comments")
    PostCommentFactory(post=post, name="Alex Erase", email=ADDRESS, approved=True)
    PostCommentFactory(post=post, name="Alex Erase", email=ADDRESS.title())
    PostCommentFactory(post=post, name="Next Door", email=NEIGHBOUR, approved=True)
    GoodIdeaFactory(
        title="Proposed by Alex",
        in_review=True,
        submitter_name="Alex Erase",
        submitter_email=ADDRESS,
    )
    GoodIdeaFactory(title="Alex is its contact", contact_name="Alex Erase", contact_email=ADDRESS)
    editor = UserFactory(username="privacy-editor", is_staff=True)
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Subscriber),
        object_id=str(subscriber.pk),
        object_repr=str(subscriber),
        action_flag=CHANGE,
        change_message="[]",
    )
    if apps.is_installed("axes"):
        from axes.models import AccessLog

        AccessLog.objects.create(
            username=ADDRESS, ip_address="127.0.0.1", user_agent="test", http_accept="*/*"
        )


def lines_in_a_full_dump(address):
    """``pg_dump | grep -ci ADDRESS`` on the test database, as an operator would run it."""
    database = connection.settings_dict["NAME"]
    dump = subprocess.Popen(  # noqa: S603 - fixed program
        [pg_tool("pg_dump"), "--no-owner", database],
        stdout=subprocess.PIPE,
        env=libpq_environment(database),
    )
    grep = subprocess.run(  # noqa: S603 - fixed program
        ["grep", "-c", "-i", "-F", address],  # noqa: S607
        stdin=dump.stdout,
        capture_output=True,
        text=True,
        check=False,
    )
    dump.stdout.close()
    assert dump.wait() == 0, "pg_dump failed"
    return int(grep.stdout.strip())


def address_lines(address):
    """The same count, only for lines holding the address as a whole word (the neighbour's
    lines contain ADDRESS as a substring)."""
    return lines_in_a_full_dump(address) - lines_in_a_full_dump("x" + address)


@pytest.mark.django_db(transaction=True)
def test_erase_leaves_no_trace_of_the_address_in_a_full_database_dump(themes, capsys):
    the_address_everywhere(themes)
    found = {section.key: section.count for section in privacy.find(ADDRESS.title())}
    for key, count in SECTIONS_HOLDING_IT.items():
        assert found[key] == count, key
    exported = privacy.export(ADDRESS)
    for key in SECTIONS_HOLDING_IT:
        assert exported[key], key
    assert exported["comments"][0]["comment"] == "A synthetic comment written for the tests."

    # Control: the dump shows the address before the erase (the grep can see it).
    before = address_lines(ADDRESS)
    neighbour_before = lines_in_a_full_dump(NEIGHBOUR)
    assert before > 0

    call_command("personal_data", "erase", ADDRESS.upper())

    after = address_lines(ADDRESS)
    neighbour_after = lines_in_a_full_dump(NEIGHBOUR)
    with capsys.disabled():
        print(
            f"\npg_dump | grep -ci {ADDRESS}: before erase {before} lines, after erase {after}"
            f" ({NEIGHBOUR}, not erased: {neighbour_before} before, {neighbour_after} after)"
        )
    assert after == 0
    assert neighbour_after == neighbour_before > 0
    assert all(section.count == 0 for section in privacy.find(ADDRESS))
    # What the erase must keep or do besides:
    assert Registration.objects.get(email="waiting@example.org").is_confirmed  # seat passed on
    assert GoodIdea.objects.filter(title__in=["Proposed by Alex", "Alex is its contact"]).count()
    assert Comment.objects.filter(email=NEIGHBOUR).exists()
    assert Subscriber.objects.filter(email=NEIGHBOUR).exists()


# -- the admin page ---------------------------------------------------------------------


@pytest.fixture
def editor_client(db):
    user = UserFactory(username="privacy-page-editor", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def held(db, themes):
    the_address_everywhere(themes)


def test_staff_outside_the_editors_group_cannot_open_the_page(db):
    client = Client()
    client.force_login(UserFactory(username="staff-only", is_staff=True))
    assert client.get(PAGE).status_code == 403
    anonymous = Client().get(PAGE)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]


def test_the_admin_home_and_the_registrations_list_link_to_the_page(editor_client):
    assert f'href="{PAGE}"' in editor_client.get("/admin/").content.decode()
    assert f'href="{PAGE}"' in editor_client.get("/admin/events/registration/").content.decode()


def test_an_editor_finds_every_section_with_counts_and_items(editor_client, held):
    html = editor_client.post(PAGE, {"email": ADDRESS.upper(), "action": "find"}).content.decode()
    total = sum(SECTIONS_HOLDING_IT.values()) + (1 if apps.is_installed("axes") else 0)
    assert f"{total} records found" in html
    for heading in [
        "Event registrations: 2",
        "Newsletter subscriptions: 1",
        "Comments: 2",
        "Good Ideas proposed: 1",
        "Good Ideas naming this address as contact: 1",
        "E-mails queued, sent or failed: 2",
        "Admin history entries naming this address: 1",
    ]:
        assert heading in html
    assert "Seats for the erase test" in html and "Proposed by Alex" in html
    assert NEIGHBOUR not in html


def test_an_editor_downloads_everything_as_json(editor_client, held):
    response = editor_client.post(PAGE, {"email": ADDRESS, "action": "export"})
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="personal-data-')
    data = json.loads(response.content)
    assert data["email"] == ADDRESS
    assert {row["name"] for row in data["registrations"]} == {"Alex Erase"}
    assert [row["status"] for row in data["newsletter"]] == ["confirmed"]
    assert data["submitted_ideas"][0]["idea"] == "Proposed by Alex"
    assert {row["subject"] for row in data["emails"]} >= {"Conversations, this month"}


def test_erasing_needs_the_confirmation_box(editor_client, held):
    response = editor_client.post(PAGE, {"email": ADDRESS, "action": "erase"})
    assert "Tick the box to confirm the erasure." in response.content.decode()
    assert Subscriber.objects.with_email(ADDRESS).exists()


def test_an_editor_erases_and_keeps_comment_text_under_anonymous(editor_client, held):
    response = editor_client.post(
        PAGE,
        {"email": ADDRESS, "action": "erase", "confirm": "on", "keep_comment_text": "on"},
        follow=True,
    )
    assert re.search(r"Erased: \d+ records deleted or made anonymous.", response.content.decode())
    assert not Subscriber.objects.with_email(ADDRESS).exists()
    kept = Comment.objects.filter(status="approved", email="")
    assert [(c.name, c.body) for c in kept] == [("", "A synthetic comment written for the tests.")]
    page = editor_client.get(kept[0].post.get_absolute_url()).content.decode()
    assert '<strong class="comment__name">Anonymous</strong>' in page
    assert GoodIdea.objects.get(title="Proposed by Alex").submitter_email == ""
    assert not DBTaskResult.objects.filter(args_kwargs__kwargs__to=[ADDRESS]).exists()


def test_without_keeping_the_text_the_comments_are_deleted(held):
    privacy.erase(ADDRESS)
    assert list(Comment.objects.values_list("email", flat=True)) == [NEIGHBOUR]


def test_a_kept_comment_loses_the_address_written_in_its_text(db):
    comment = PostCommentFactory(email=ADDRESS, body=f"Write to me: {ADDRESS.upper()}.")
    privacy.erase(ADDRESS, keep_comment_text=True)
    comment.refresh_from_db()
    assert comment.body == "Write to me: [e-mail removed]."


def test_erasing_does_not_send_the_waiting_newsletter(db):
    queue_email(subject="Conversations, this month", body="Hello", to=[ADDRESS])
    privacy.erase(ADDRESS)
    run_tasks()
    assert mail.outbox == []


def test_a_bad_address_is_a_form_error_and_a_command_error(editor_client):
    response = editor_client.post(PAGE, {"email": "not an address", "action": "erase"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    with pytest.raises(CommandError):
        call_command("personal_data", "erase", "")
    with pytest.raises(privacy.InvalidAddress):
        privacy.erase("@")


def test_the_command_finds_and_exports(held, capsys, tmp_path):
    call_command("personal_data", "find", ADDRESS)
    found = capsys.readouterr().out
    assert "Event registrations: 2" in found and "Comments: 2" in found
    call_command("personal_data", "export", ADDRESS, output=str(tmp_path / "out.json"))
    assert json.loads((tmp_path / "out.json").read_text())["idea_contacts"][0]["contact_name"]


def test_editors_have_the_permissions_the_page_asks_for(db):
    from citiesofmigration.privacy_admin import ERASE_PERMISSIONS, VIEW_PERMISSIONS

    editor = UserFactory(username="perm-check", is_staff=True)
    editor.groups.add(sync_editors_group())
    assert editor.has_perms(VIEW_PERMISSIONS) and editor.has_perms(ERASE_PERMISSIONS)


def test_erasing_a_registration_passes_its_seat_on_and_sends_the_address_nothing(db):
    event = EventFactory(capacity=1)
    event_services.register_for_event(event=event, name="Alex Erase", email=ADDRESS)
    event_services.register_for_event(event=event, name="Wait Ing", email="waiting@example.org")
    run_tasks()
    mail.outbox.clear()
    privacy.erase(ADDRESS)
    run_tasks()
    assert Registration.objects.get(email="waiting@example.org").is_confirmed
    assert [message.to for message in mail.outbox] == [["waiting@example.org"]]
