"""Skin checks at the bedside: all clear in one tap, or findings on a body map with photos.

Every view takes the patient through core.patients.access; checks, findings and
photos are looked up inside that patient only, so an id from another circle is
simply not found.
"""

import uuid

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.logs.access import ensure_can_change
from core.logs.models import TimelineEntry
from core.patients.access import Need, patient_view
from core.patients.views.photos import _serve
from core.reminders.models import Occurrence

from . import bodymap, staging
from .forms import AllClearForm, FindingForm
from .models import Finding, SkinCheck, WoundPhoto, site_label
from .staging import Side, Site

REMINDER_KIND = "skin_check"


# --- Lookups, always inside the patient of the URL ---------------------------

def _check_or_404(access, check_id):
    return get_object_or_404(SkinCheck.objects.alive(), pk=check_id, patient=access.patient)


def _findings(access):
    return (Finding.objects.alive().for_patient(access.patient)
            .select_related("skin_check").prefetch_related("photos"))


def _occurrence(request, access):
    """The skin-check reminder this answers, when the page was opened from Today."""
    occurrence_id = request.POST.get("occurrence") or request.GET.get("occurrence")
    if not (occurrence_id and str(occurrence_id).isdigit()):
        return None
    return Occurrence.objects.filter(pk=occurrence_id, patient=access.patient, kind=REMINDER_KIND).first()


def _mark_reminder_done(occurrence, user):
    if occurrence is not None:
        from core.reminders.actions import mark_done
        mark_done(occurrence, user, note=_("Logged"), record=False)  # the skin check is the record


def _uuid(value):
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None


def _latest_by_place(findings):
    """The newest finding at each (site, side), newest first."""
    latest = {}
    for finding in sorted(findings, key=lambda f: f.skin_check.occurred_at, reverse=True):
        latest.setdefault((finding.site, finding.side), finding)
    return list(latest.values())


# --- The bedside page ----------------------------------------------------------

@require_http_methods(["GET", "POST"])
@patient_view(Need.WRITE)
def new(request, access):
    """All clear in one tap, or add a finding. With ``?check=<id>``: one more finding for that check."""
    patient = access.patient
    occurrence = _occurrence(request, access)
    existing = None
    if request.method == "POST":
        replay = _finding_replayed(request, access)
        if replay is not None:
            return replay
        entry_id = _uuid(request.POST.get("entry_id"))
        existing = _existing_check(access, entry_id) if entry_id else None
    elif request.GET.get("check"):
        check_id = _uuid(request.GET["check"])
        if check_id is None:
            raise Http404
        existing = _check_or_404(access, check_id)
        ensure_can_change(access, existing)

    place = (request.GET.get("site", ""), request.GET.get("side", ""))
    initial = {}
    if place[0] in Site.values:
        initial["site"] = place[0]
        sides = staging.sides_for(place[0])
        initial["side"] = place[1] if place[1] in sides else (sides[0] if len(sides) == 1 else "")
    history = None
    if initial.get("site") and initial.get("side"):
        history = (Finding.objects.alive().for_patient(patient).at_site(initial["site"], initial["side"])
                   .select_related("skin_check").order_by("-skin_check__occurred_at").first())
        if history is not None and history.worst_stage:
            initial["category"] = history.worst_stage

    form = FindingForm(request.POST or None, request.FILES or None, initial=initial, patient=patient,
                       user=request.user, skin_check=existing)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                finding = form.save()
                _mark_reminder_done(occurrence, request.user)
        except IntegrityError:  # the same finding sent twice at the same moment
            return _finding_replayed(request, access) or redirect("skin:index", patient_id=patient.pk)
        messages.success(request, _("Saved: %(place)s.") % {"place": finding.site_label})
        return redirect("skin:detail", patient_id=patient.pk, skin_check_id=finding.skin_check_id)

    findings = list(_findings(access))
    watched = [(f.site, f.side) for f in findings]
    keep = {"check": request.GET.get("check", ""), "occurrence": occurrence.pk if occurrence else ""}
    return render(request, "skin/new.html", {
        "access": access, "patient": patient, "form": form, "existing": existing, "occurrence": occurrence,
        "history": history, "map": bodymap.build(place if initial.get("site") else None, watched, keep),
        "details_open": form.details_have_errors,
        "opened_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        # A browser never refills a file input: say so, rather than let photos vanish unnoticed.
        "choose_photos_again": form.is_bound and bool(request.FILES.getlist("photos")) and not form.is_valid()})


def _existing_check(access, entry_id):
    """The check a posted finding joins: one of this patient's that this member may change, or none yet."""
    check = SkinCheck.objects.filter(pk=entry_id).first()
    if check is None:
        if TimelineEntry.objects.filter(entry_id=entry_id).exists():
            raise Http404  # the id of some other entry: never reused, never confirmed
        return None
    if check.patient_id != access.patient.pk or check.deleted_at is not None:
        raise Http404
    ensure_can_change(access, check)
    return check


def _finding_replayed(request, access):
    """A finding sent again (double tap, offline replay) finds what was saved instead of adding one."""
    finding_id = _uuid(request.POST.get("finding_id"))
    if finding_id is None:
        return None
    finding = Finding.objects.filter(pk=finding_id).select_related("skin_check").first()
    if finding is None:
        return None
    if finding.skin_check.patient_id != access.patient.pk:
        raise Http404
    messages.info(request, _("This was already saved."))
    return redirect("skin:detail", patient_id=access.patient.pk, skin_check_id=finding.skin_check_id)


@require_POST
@patient_view(Need.WRITE)
def all_clear(request, access):
    """One tap: a skin check with nothing found. The page's entry id makes a double tap save once."""
    patient = access.patient
    form = AllClearForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Something went wrong. Please try again."))
        return redirect("skin:new", patient_id=patient.pk)
    entry_id = form.cleaned_data["entry_id"]
    done = TimelineEntry.objects.filter(entry_id=entry_id).first()
    if done is not None:
        if done.patient_id != patient.pk or done.kind != SkinCheck.KIND:
            raise Http404
        messages.info(request, _("This was already saved."))
        return redirect("skin:detail", patient_id=patient.pk, skin_check_id=entry_id)
    occurrence = _occurrence(request, access)
    try:
        with transaction.atomic():
            SkinCheck.objects.create(id=entry_id, patient=patient, recorded_by=request.user, all_clear=True,
                                     occurred_at=form.cleaned_data["occurred_at"])
            _mark_reminder_done(occurrence, request.user)
    except IntegrityError:  # both taps arrived at the same moment: the first one won
        pass
    messages.success(request, _("Saved: skin all clear."))
    return redirect("skin:detail", patient_id=patient.pk, skin_check_id=entry_id)


# --- Reading ---------------------------------------------------------------------

@patient_view(Need.READ)
def index(request, access):
    """The places being watched, newest first, and the latest checks."""
    findings = list(_findings(access))
    checks = list(SkinCheck.objects.alive().for_patient(access.patient).select_related("recorded_by")
                  .prefetch_related("findings")[:10])
    return render(request, "skin/index.html", {
        "access": access, "patient": access.patient, "places": _latest_by_place(findings), "checks": checks})


@patient_view(Need.READ)
def detail(request, access, skin_check_id):
    check = get_object_or_404(
        SkinCheck.objects.alive().select_related("recorded_by").prefetch_related(
            Prefetch("findings", queryset=Finding.objects.filter(deleted_at__isnull=True)
                     .prefetch_related("photos"))),
        pk=skin_check_id, patient=access.patient)
    findings = check.alive_findings()
    can_change = access.can_write and (access.is_owner or check.recorded_by_id == request.user.id)
    return render(request, "skin/detail.html", {
        "access": access, "patient": access.patient, "check": check, "findings": findings,
        "can_change": can_change,
        "clinician": [f for f in findings if f.needs_clinician],
        "infection": any(f.infection_signs for f in findings)})


@patient_view(Need.READ)
def site_history(request, access, skin_site, skin_side):
    if skin_site not in Site.values or skin_side not in staging.sides_for(skin_site) or \
            skin_side not in Side.values:
        raise Http404
    findings = list(_findings(access).at_site(skin_site, skin_side)
                    .order_by("skin_check__occurred_at", "created_at"))
    latest = findings[-1] if findings else None
    return render(request, "skin/site.html", {
        "access": access, "patient": access.patient, "findings": findings, "latest": latest,
        "site": skin_site, "side": skin_side, "label": site_label(skin_site, skin_side),
        "photos": [(f, p) for f in findings for p in f.photos.all()]})


# --- Photos: only through here, only for the circle ---------------------------

def _photo_or_404(access, wound_photo_id):
    return get_object_or_404(
        WoundPhoto.objects.filter(finding__deleted_at__isnull=True, finding__skin_check__deleted_at__isnull=True),
        pk=wound_photo_id, finding__skin_check__patient=access.patient)


@require_GET
@patient_view(Need.READ)
def photo(request, access, wound_photo_id):
    return _serve(_photo_or_404(access, wound_photo_id).photo)


@require_GET
@patient_view(Need.READ)
def thumbnail(request, access, wound_photo_id):
    return _serve(_photo_or_404(access, wound_photo_id).thumbnail)
