"""Patient photos are served only here, to members of the patient's circle."""

from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from ..access import Need, patient_view


def _serve(field):
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type="image/jpeg")
    # Private: a shared proxy or another account on the phone must never reuse it.
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    return response


@require_GET
@patient_view(Need.READ)
def photo(request, access):
    return _serve(access.patient.photo)


@require_GET
@patient_view(Need.READ)
def thumbnail(request, access):
    return _serve(access.patient.photo_thumb)
