"""Small deterministic helpers for skin tests (also used by tests/test_every_url_is_guarded.py)."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from core.photos import clean_image
from core.skin.models import Finding, SkinCheck, WoundPhoto


def jpeg_bytes(size=(64, 48), color="teal", exif=None):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG", **({"exif": exif} if exif is not None else {}))
    return buffer.getvalue()


def jpeg_upload(name="wound.jpg", **kwargs):
    return SimpleUploadedFile(name, jpeg_bytes(**kwargs), content_type="image/jpeg")


def make_check(patient, user, *, days_ago=0, all_clear=False, **kwargs):
    return SkinCheck.objects.create(patient=patient, recorded_by=user, all_clear=all_clear,
                                    occurred_at=timezone.now() - timedelta(days=days_ago), **kwargs)


def make_finding(patient, user, *, check=None, days_ago=0, site="heel", side="left", category="stage_2",
                 photos=0, **fields):
    check = check or make_check(patient, user, days_ago=days_ago)
    finding = Finding(skin_check=check, site=site, side=side, category=category, **fields)
    finding.full_clean()
    finding.save()
    for _ in range(photos):
        photo, thumbnail = clean_image(jpeg_upload())
        WoundPhoto.objects.create(finding=finding, photo=photo, thumbnail=thumbnail)
    check.refresh_timeline()
    return finding


def make_wound_photo(patient, user):
    """One check with one finding and one photo; returns the photo."""
    return make_finding(patient, user, photos=1).photos.get()
