"""Wound photos: hostile files refused at the bedside form, clean files served only to the circle."""

import io
import os
import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve, reverse
from PIL import Image

from core.logs.models import TimelineEntry
from core.photos import private_storage
from core.skin.models import Finding, SkinCheck, WoundPhoto

from .factories import jpeg_bytes, jpeg_upload, make_finding
from .helpers import finding_data, new_url

GPS = 0x8825


def png_claiming(width, height):
    """A tiny PNG whose header claims enormous dimensions."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


def gps_exif(orientation=None):
    exif = Image.Exif()
    exif[GPS] = {1: "N", 2: (40.0, 26.0, 46.0), 3: "W", 4: (3.0, 42.0, 3.0)}
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "Model X"
    if orientation:
        exif[0x0112] = orientation
    return exif


def stored_files():
    root = Path(WoundPhoto._meta.get_field("photo").storage.location)
    return sorted(p for p in root.rglob("*") if p.is_file())


HOSTILE = {
    "truncated jpeg": ("cut.jpg", jpeg_bytes(size=(400, 300))[:400]),
    "decompression bomb png": ("bomb.png", png_claiming(60000, 60000)),
    "huge dimensions": ("huge.png", png_claiming(8000, 6000)),  # 48 MP: under Pillow's bomb limit, over ours
    "text file named .jpg": ("notes.jpg", b"Just some words, not a picture.\n" * 20),
    "html before a jpeg": ("page.jpg", b"<html><body><script>alert(document.cookie)</script></body></html>"
                                       + jpeg_bytes()),
    "svg with a script": ("x.jpg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    "empty file": ("empty.jpg", b""),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_file_gets_a_field_error_and_nothing_is_saved(name, circle, client_for):
    filename, data = HOSTILE[name]
    before = stored_files()
    upload = SimpleUploadedFile(filename, data, content_type="image/jpeg")
    response = client_for(circle.caregiver).post(
        new_url(circle), finding_data(category="stage_2", note="kept", photos=[jpeg_upload("good.jpg"), upload]))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "photos" in errors and "Photo 2" in errors["photos"][0]
    assert b"kept" in response.content  # what was typed stays
    assert not SkinCheck.objects.exists() and not Finding.objects.exists() and not WoundPhoto.objects.exists()
    assert not TimelineEntry.objects.exists()
    assert stored_files() == before


def test_more_than_three_photos_at_once_are_refused(circle, client_for):
    response = client_for(circle.caregiver).post(
        new_url(circle), finding_data(photos=[jpeg_upload(f"{n}.jpg") for n in range(4)]))
    assert "photos" in response.context["form"].errors
    assert not Finding.objects.exists()


def test_a_gps_tagged_photo_is_stored_with_no_metadata(circle, client_for):
    client = client_for(circle.caregiver)
    upload = SimpleUploadedFile("gps.jpg", jpeg_bytes(size=(80, 40), exif=gps_exif(orientation=6)),
                                content_type="image/jpeg")
    client.post(new_url(circle), finding_data(photos=[upload]))
    photo = WoundPhoto.objects.get()
    for field in (photo.photo, photo.thumbnail):
        with field.open("rb") as handle:
            data = handle.read()
        image = Image.open(io.BytesIO(data))
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "exif" not in image.info
        assert b"PhoneMaker" not in data and b"Model X" not in data and b"Exif" not in data
    # The orientation was applied before the metadata went: landscape sensor, portrait photo.
    assert Image.open(photo.photo.path).size == (40, 80)


def test_a_jpeg_carrying_html_is_re_encoded_so_no_html_survives(circle, client_for):
    """A real JPEG with markup in a comment is a picture: it is kept, but only its pixels."""
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), "white").save(buffer, "JPEG", comment=b"<script>alert(1)</script>")
    assert b"<script>" in buffer.getvalue()
    client_for(circle.caregiver).post(new_url(circle), finding_data(
        photos=[SimpleUploadedFile("polyglot.jpg", buffer.getvalue(), content_type="image/jpeg")]))
    photo = WoundPhoto.objects.get()
    with photo.photo.open("rb") as handle:
        assert b"<script>" not in handle.read()
    response = client_for(circle.viewer).get(reverse("skin:photo", args=[circle.patient.pk, photo.pk]))
    assert response["Content-Type"] == "image/jpeg" and response["X-Content-Type-Options"] == "nosniff"


# --- Serving ----------------------------------------------------------------------------

@pytest.fixture
def wound_photo(circle):
    return make_finding(circle.patient, circle.caregiver, photos=1).photos.get()


@pytest.mark.parametrize("view", ["skin:photo", "skin:thumbnail"])
def test_members_get_the_photo_with_private_cache_headers(view, circle, client_for, wound_photo):
    response = client_for(circle.viewer).get(reverse(view, args=[circle.patient.pk, wound_photo.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"].startswith("private")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


@pytest.mark.parametrize("view", ["skin:photo", "skin:thumbnail"])
def test_a_stranger_gets_404_for_a_photo_even_through_their_own_patient(view, circle, client_for, wound_photo):
    stranger = client_for(circle.stranger)
    assert stranger.get(reverse(view, args=[circle.patient.pk, wound_photo.pk])).status_code == 404
    assert stranger.get(reverse(view, args=[circle.other_patient.pk, wound_photo.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(circle, client, wound_photo):
    response = client.get(reverse("skin:photo", args=[circle.patient.pk, wound_photo.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_deleted_checks_photos_are_no_longer_served(circle, client_for, wound_photo):
    wound_photo.finding.skin_check.soft_delete()
    response = client_for(circle.owner).get(reverse("skin:photo", args=[circle.patient.pk, wound_photo.pk]))
    assert response.status_code == 404


def test_there_is_no_public_url_for_a_wound_photo_file(circle, client_for, client, wound_photo, wound_storage):
    name = wound_photo.photo.name  # e.g. wounds/3f2a….jpg
    assert name.startswith("wounds/")
    basename = os.path.basename(name)
    guesses = [wound_storage.url(name), f"/{name}", f"/media/{name}", f"/static/{name}", f"/private-media/{name}",
               f"/uploads/{name}",
               f"/media/{basename}", f"/static/{basename}", f"/static/../private-media/{name}",
               f"/static/%2e%2e/private-media/{name}", f"/{wound_photo.thumbnail.name}"]
    for who in (client_for(circle.owner), client_for(circle.stranger), client):
        for url in guesses:
            response = who.get(url)
            assert response.status_code == 404, url
    for url in guesses:
        with pytest.raises(Resolver404):
            resolve(url)
    assert Path(wound_photo.photo.path).resolve().is_relative_to(Path(wound_storage.location).resolve())


def test_the_real_photo_folder_is_outside_everything_served_as_is():
    private = Path(private_storage().location).resolve()
    assert private == Path(settings.PRIVATE_MEDIA_ROOT).resolve() or private.name == "private-media"
    for public in [settings.STATIC_ROOT, *settings.STATICFILES_DIRS, getattr(settings, "MEDIA_ROOT", "")]:
        if public:
            assert not private.is_relative_to(Path(public).resolve())
            assert not Path(public).resolve().is_relative_to(private)
    # Whatever address the storage would make up for a file, nothing answers there.
    with pytest.raises(Resolver404):
        resolve(private_storage().url("wounds/guessed.jpg"))


def test_deleting_the_patient_removes_the_wound_photo_files(circle, django_capture_on_commit_callbacks,
                                                           wound_photo):
    path = Path(wound_photo.photo.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        circle.patient.delete()
    assert not path.exists()
