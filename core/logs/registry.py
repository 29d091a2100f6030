"""The kinds of bedside log. Each feature registers its own in its AppConfig.ready(),
so the Log menu, the timeline and the generic add/edit/delete views know them all."""

from dataclasses import dataclass, field


@dataclass
class LogKind:
    kind: str
    label: str
    model: type
    form: type
    order: int = 100
    guide: str = ""            # context key in core.guidance.links
    reminder_kind: str = ""    # completing a reminder of this kind opens this log
    answers_due_reminder: bool = False  # logging it by hand also marks the due reminder done
    template: str = "logs/entry_form.html"
    new_url: str = ""          # a feature with its own flow (e.g. a guided session) names its view
    summary: object = None     # summary(data, line) -> safe HTML for its timeline line (core/logs/lines.py)
    extra: dict = field(default_factory=dict)


REGISTRY = {}


def register(log_kind):
    REGISTRY[log_kind.kind] = log_kind
    return log_kind


def get(kind):
    return REGISTRY.get(kind)


def ordered():
    return sorted(REGISTRY.values(), key=lambda k: k.order)


def for_reminder(reminder_kind):
    return next((k for k in REGISTRY.values() if k.reminder_kind == reminder_kind), None)
