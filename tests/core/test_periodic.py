from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from citiesofmigration.mail import queue_email
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


def test_sent_emails_leave_the_task_table_after_the_retention_period(settings):
    settings.TASK_RESULTS_KEEP_DAYS = 14
    queue_email(subject="Old", body="Sent long ago", to=["old@example.org"])
    queue_email(subject="Recent", body="Sent yesterday", to=["new@example.org"])
    run_tasks()
    assert len(mail.outbox) == 2
    DBTaskResult.objects.filter(args_kwargs__kwargs__subject="Old").update(
        finished_at=timezone.now() - timedelta(days=15)
    )
    call_command("run_periodic", once=True)
    remaining = list(DBTaskResult.objects.values_list("args_kwargs__kwargs__subject", flat=True))
    assert remaining == ["Recent"]


def test_a_queued_email_is_sent_only_after_the_worker_runs():
    queue_email(subject="Hello\r\nBcc: x@example.org", body="Body", to=["a@example.org"])
    assert mail.outbox == []
    run_tasks()
    assert [message.subject for message in mail.outbox] == ["Hello Bcc: x@example.org"]


def test_records_of_admin_logins_are_deleted_after_their_retention_period(settings):
    from axes.models import AccessLog

    settings.LOGIN_RECORDS_KEEP_DAYS = 30
    AccessLog.objects.create(username="old", ip_address="192.0.2.1", user_agent="x")
    AccessLog.objects.create(username="recent", ip_address="192.0.2.2", user_agent="x")
    AccessLog.objects.filter(username="old").update(
        attempt_time=timezone.now() - timedelta(days=31)
    )
    call_command("run_periodic", once=True)
    assert list(AccessLog.objects.values_list("username", flat=True)) == ["recent"]
