"""``manage.py run_reminders``: one pass for cron, or a loop that stops cleanly on SIGTERM / SIGINT."""

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from core.reminders.delivery import worker as worker_module
from core.reminders.delivery.vapid import b64url
from core.reminders.delivery.worker import Worker
from core.reminders.models import Delivery

from .fake_push import due_schedule, subscribe
from .test_worker_exactly_once import families

ROOT = Path(settings.BASE_DIR)


@pytest.fixture(scope="module")
def project_env(tmp_path_factory):
    """Environment for a separate ``manage.py`` process: its own migrated SQLite file and VAPID key."""
    from cryptography.hazmat.primitives.asymmetric import ec

    folder = tmp_path_factory.mktemp("worker")
    key = ec.generate_private_key(ec.SECP256R1()).private_numbers().private_value.to_bytes(32, "big")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(DEBUG="1", DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}", VAPID_PRIVATE_KEY=b64url(key),
               PYTHONUNBUFFERED="1")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=120)
    return env


def read_line_with(process, text, timeout):
    deadline = time.monotonic() + timeout
    seen = ""
    while time.monotonic() < deadline:
        ready, _w, _x = select.select([process.stdout], [], [], 0.2)
        if ready:
            line = process.stdout.readline()
            seen += line
            if text in line:
                return seen
    raise AssertionError(f"{text!r} not printed within {timeout} s; got {seen!r}")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_the_worker_stops_cleanly_on_a_signal(project_env, signum):
    process = subprocess.Popen([sys.executable, "manage.py", "run_reminders", "--interval", "30"], cwd=ROOT,
                               env=project_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        read_line_with(process, "Reminder worker", timeout=30)
        time.sleep(0.5)  # inside its wait between passes
        started = time.monotonic()
        process.send_signal(signum)
        out, err = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert time.monotonic() - started < 5
    assert "Reminder worker stopped." in out


def test_once_runs_one_pass_and_exits(circle, push_service, vapid_key, capsys):
    subscribe(circle.owner, push_service)
    due_schedule(circle.patient)
    call_command("run_reminders", "--once")
    assert "sent=1" in capsys.readouterr().out
    assert len(push_service.delivered()) == 1


def test_a_stop_request_lets_the_batch_under_way_finish_and_claims_nothing_more(db, push_service, vapid_key,
                                                                                  monkeypatch):
    families(push_service, 3)  # six notifications
    real_send = worker_module.push.send

    with Worker(batch_size=2, threads=2) as worker:
        def send_then_stop(*args, **kwargs):
            worker.stop.set()  # as SIGTERM would, while the first batch is being sent
            return real_send(*args, **kwargs)

        monkeypatch.setattr(worker_module.push, "send", send_then_stop)
        report = worker.run_pass()
    assert report.sent == 2
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 2
    left = Delivery.objects.filter(status=Delivery.Status.PENDING)
    assert left.count() == 4 and not left.filter(claimed_until__isnull=False).exists()
