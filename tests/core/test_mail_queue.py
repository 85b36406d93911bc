"""E-mails sent exactly once, retried for more than a day, and shown to editors when they
wait or fail; abandoned tasks taken back; the worker's health endpoint."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from citiesofmigration import worker
from citiesofmigration.background import Email, SentEmail, WorkerHeartbeat
from citiesofmigration.mail import MAX_ATTEMPTS, queue_email, send_email, total_retry_span
from tests.factories import UserFactory
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db

UNREACHABLE = "tests.events.backends.UnreachableSMTPBackend"


def queue(number=1):
    return queue_email(
        subject=f"You are registered: webinar {number}",
        body="See you there.",
        to=[f"person{number}@example.org"],
    )


def key_of(result):
    return result.kwargs["key"]


# --- exactly once ----------------------------------------------------------------------


def test_each_email_carries_its_key_as_message_id():
    result = queue()
    run_tasks()
    [message] = mail.outbox
    assert message.extra_headers["Message-ID"] == f"<{key_of(result)}@localhost>"
    assert SentEmail.objects.filter(key=key_of(result)).exists()


def test_an_email_whose_key_was_already_sent_is_skipped():
    result = queue()
    SentEmail.objects.create(key=key_of(result))  # as if a crashed worker had sent it
    run_tasks()
    assert mail.outbox == []
    assert DBTaskResult.objects.get().return_value == "already sent"


def test_running_the_same_email_task_again_does_not_send_it_twice():
    queue()
    run_tasks()
    DBTaskResult.objects.update(status="READY")  # a worker vanished before recording success
    run_tasks()
    assert len(mail.outbox) == 1


def test_a_failed_send_does_not_keep_the_key(settings):
    settings.EMAIL_BACKEND = UNREACHABLE
    queue()
    run_tasks()
    assert not SentEmail.objects.exists()  # so the retry can send it


# --- retries over more than a day, then a visible give-up -------------------------------


def test_retries_span_more_than_a_day_of_smtp_outage():
    assert total_retry_span() >= timedelta(hours=24)
    assert total_retry_span() < timedelta(hours=26)


def test_each_retry_carries_the_previous_error_and_the_same_key(settings):
    settings.EMAIL_BACKEND = UNREACHABLE
    result = queue()
    run_tasks()
    retry = Email.objects.current().get()
    assert retry.status == "READY"
    assert retry.attempts == 2
    assert retry.message["key"] == key_of(result)
    assert "Connection refused" in retry.last_error
    assert retry.run_after > timezone.now()


def test_the_last_attempt_fails_the_email_visibly(settings):
    settings.EMAIL_BACKEND = UNREACHABLE
    send_email.enqueue(subject="Last try", body="b", to=["late@example.org"], attempt=MAX_ATTEMPTS,
                       key="k-last")  # fmt: skip
    run_tasks()
    [failed] = Email.objects.current().failed()
    assert failed.attempts == MAX_ATTEMPTS
    assert "Not sent after 31 attempts" in failed.last_error
    assert "Connection refused" in failed.last_error


# --- the editors' list of waiting and failed e-mails -----------------------------------


@pytest.fixture
def editor_client(client):
    editor = UserFactory(username="ed", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


@pytest.fixture
def waiting_and_failed(settings):
    settings.EMAIL_BACKEND = UNREACHABLE
    queue(1)  # will wait for its second attempt
    send_email.enqueue(subject="Gave up", body="b", to=["gave-up@example.org"],
                       attempt=MAX_ATTEMPTS, key="k-gave-up")  # fmt: skip
    run_tasks()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_an_editor_sees_waiting_and_failed_emails(editor_client, waiting_and_failed):
    html = editor_client.get("/admin/citiesofmigration/email/").content.decode()
    assert "person1@example.org" in html
    assert "You are registered: webinar 1" in html
    assert "gave-up@example.org" in html
    assert "Failed — given up" in html
    assert "Waiting" in html
    assert "Connection refused" in html
    assert f'<td class="field-attempts">{MAX_ATTEMPTS}</td>' in html
    failed_only = editor_client.get("/admin/citiesofmigration/email/?state=FAILED")
    assert "person1@example.org" not in failed_only.content.decode()


def test_send_again_now_sends_waiting_and_failed_emails(editor_client, waiting_and_failed):
    ids = [str(pk) for pk in Email.objects.current().values_list("pk", flat=True)]
    assert len(ids) == 2
    response = editor_client.post(
        "/admin/citiesofmigration/email/",
        {"action": "send_again_now", "_selected_action": ids},
        follow=True,
    )
    assert "2 e-mails will be sent at the next chance." in response.content.decode()
    run_tasks()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "gave-up@example.org",
        "person1@example.org",
    ]
    assert not Email.objects.current().failed().exists()


def test_staff_outside_the_editors_group_cannot_see_emails(client, waiting_and_failed):
    client.force_login(UserFactory(username="other", is_staff=True))
    assert client.get("/admin/citiesofmigration/email/").status_code == 403


# --- abandoned tasks -------------------------------------------------------------------


def running_task(*, worker_id, started_ago, claims=1):
    result = queue()
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING",
        started_at=timezone.now() - started_ago,
        worker_ids=[f"old-{n}" for n in range(claims - 1)] + [worker_id],
    )
    return result.id


def beat(worker_id, ago):
    WorkerHeartbeat.objects.create(worker_id=worker_id, last_seen=timezone.now() - ago)


def test_a_task_whose_worker_stopped_beating_is_queued_again(settings):
    settings.WORKER_LEASE_SECONDS = 60
    beat("gone", timedelta(minutes=5))
    beat("alive", timedelta(seconds=5))
    abandoned = running_task(worker_id="gone", started_ago=timedelta(minutes=6))
    kept = running_task(worker_id="alive", started_ago=timedelta(minutes=6))
    just_claimed = running_task(worker_id="unknown", started_ago=timedelta(seconds=1))
    assert worker.requeue_abandoned_tasks() == 1
    assert DBTaskResult.objects.get(pk=abandoned).status == "READY"
    assert DBTaskResult.objects.get(pk=kept).status == "RUNNING"
    assert DBTaskResult.objects.get(pk=just_claimed).status == "RUNNING"
    run_tasks()
    assert len(mail.outbox) == 1


def test_a_worker_takes_back_its_own_task_after_a_database_outage():
    beat("me", timedelta(seconds=1))
    interrupted = running_task(worker_id="me", started_ago=timedelta(seconds=1))
    assert worker.requeue_abandoned_tasks(own_worker_id="me") == 1
    assert DBTaskResult.objects.get(pk=interrupted).status == "READY"


def test_a_task_that_keeps_losing_its_worker_fails_instead(settings):
    settings.WORKER_LEASE_SECONDS = 60
    poison = running_task(worker_id="gone", started_ago=timedelta(hours=1), claims=5)
    assert worker.requeue_abandoned_tasks() == 0
    task = DBTaskResult.objects.get(pk=poison)
    assert task.status == "FAILED"
    assert task.exception_class_path == "citiesofmigration.worker.WorkerVanished"


# --- /healthz/worker --------------------------------------------------------------------


def test_worker_health_is_ok_with_a_live_worker_and_an_empty_queue(client):
    beat("w", timedelta(seconds=2))
    response = client.get("/healthz/worker")
    assert response.status_code == 200
    report = response.json()
    assert report["status"] == "ok"
    assert report["waiting_tasks"] == 0
    assert report["worker_seen_seconds_ago"] <= 60
    assert "no-cache" in response["Cache-Control"]


def test_worker_health_is_503_when_work_waits_and_no_worker_was_seen(client):
    queue()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=3))
    beat("w", timedelta(minutes=10))
    response = client.get("/healthz/worker")
    assert response.status_code == 503
    report = response.json()
    assert report["status"] == "stalled"
    assert report["waiting_tasks"] == 1
    assert report["oldest_waiting_seconds"] >= 180
    assert report["worker_seen_seconds_ago"] >= 600
    assert "example.org" not in response.content.decode()  # counts and ages, no addresses


def test_worker_health_is_503_when_the_queue_does_not_move(client):
    beat("w", timedelta(seconds=2))
    queue()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(hours=1))
    response = client.get("/healthz/worker")
    assert response.status_code == 503
    assert response.json()["status"] == "backlog"


def test_worker_health_counts_failed_emails(client, waiting_and_failed):
    beat("w", timedelta(seconds=2))
    report = client.get("/healthz/worker").json()
    assert report["failed_emails"] == 1
    assert report["status"] == "ok"  # the waiting retry is not due yet
    assert report["waiting_tasks"] == 0
