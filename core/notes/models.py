"""Free notes, and hand-offs: what the next person at the bedside should know.

A hand-off stays at the top of Today for each caring member until that member has read it;
one member's "I have read it" does not hide it from the others. A hand-off that is edited
after someone read it is shown to them again.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.logs.models import LogEntry

TEXT_MAX = 2000
SUMMARY_CHARS = 140


class Note(LogEntry):
    KIND = "note"

    text = models.TextField(_("note"), max_length=TEXT_MAX)
    handoff = models.BooleanField(
        _("the next person should read this"), default=True,
        help_text=_("It stays at the top of Today for everyone who cares, until each one has read it."))
    acknowledged_by = models.ManyToManyField(settings.AUTH_USER_MODEL, through="Acknowledgement",
                                             related_name="+", verbose_name=_("read by"))
    history = HistoricalRecords()  # read receipts are their own rows, not edits

    class Meta(LogEntry.Meta):
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        indexes = [models.Index(fields=["patient", "deleted_at", "-occurred_at"])]

    def timeline_data(self):
        text = " ".join(self.text.split())
        if len(text) > SUMMARY_CHARS:
            text = text[:SUMMARY_CHARS - 1].rstrip() + "…"
        return {"text": text, "handoff": self.handoff}

    def get_handoff_display(self):
        from .display import handoff_detail

        return handoff_detail(self)


class Acknowledgement(models.Model):
    """A member has read a hand-off (at this time; a later edit asks them to read it again)."""

    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="acknowledgements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    acknowledged_at = models.DateTimeField(_("read at"), default=timezone.now)

    class Meta:
        verbose_name = _("read receipt")
        verbose_name_plural = _("read receipts")
        constraints = [models.UniqueConstraint(fields=["note", "user"], name="one_acknowledgement_per_member")]
