"""Send reminders: ``manage.py run_reminders`` (every 30 s until stopped) or ``--once`` (for cron).

SIGTERM or SIGINT (Ctrl+C) lets the batch under way finish, then exits with status 0,
so a deploy or a restart never cuts a notification in half. Several workers may run
at once on PostgreSQL: each delivery is claimed by exactly one.
"""

import logging
import signal

from django.core.management.base import BaseCommand

from core.reminders.delivery.vapid import get_vapid
from core.reminders.delivery.worker import BATCH_SIZE, THREADS, Worker

log = logging.getLogger("tend.reminders")


class Command(BaseCommand):
    help = "Send due reminders by push notification and e-mail, every 30 seconds (or once)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run one pass and exit (for cron).")
        parser.add_argument("--interval", type=float, default=30.0, help="Seconds between passes (default 30).")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="Deliveries claimed at a time.")
        parser.add_argument("--threads", type=int, default=THREADS, help="Notifications sent in parallel.")

    def handle(self, *args, once=False, interval=30.0, batch_size=BATCH_SIZE, threads=THREADS, **options):
        get_vapid()  # a key problem should stop the start, not the first reminder
        verbose = options["verbosity"] >= 2
        with Worker(batch_size=batch_size, threads=threads) as worker:
            if once:
                self.stdout.write(str(worker.run_pass()))
                return

            def stop(signum, frame):
                log.info("reminder worker %s: %s received, stopping after this batch",
                         worker.worker_id, signal.Signals(signum).name)
                worker.stop.set()

            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)

            def on_pass(report):
                if verbose or report.busy:
                    self.stdout.write(str(report))
                    self.stdout.flush()

            self.stdout.write(f"Reminder worker {worker.worker_id}: a pass every {interval:g} s.")
            self.stdout.flush()
            worker.run_forever(interval=interval, on_pass=on_pass)
        self.stdout.write("Reminder worker stopped.")
