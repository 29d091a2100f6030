"""The one road every uploaded photo takes: verify, limit, orient, strip, re-encode.

Patient photos (and, later, wound photos) come from phones: they carry GPS
coordinates and camera details in their metadata, may be sideways, and may be
hostile (a decompression bomb, a truncated file, a script pretending to be a
JPEG). Nothing of the upload is kept except the pixels we re-encode here.
"""

import io
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "MPO"}
MAX_EDGE = 1600
THUMB_EDGE = 320


class PrivateStorage(FileSystemStorage):
    """Storage with no public URL: files are only reachable through views that check access.

    Its folder is read from settings when used, not when models load, so tests
    (and a changed PRIVATE_MEDIA_ROOT) never write into the wrong place."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        import os
        return os.path.abspath(self.base_location)


_private = PrivateStorage()


def private_storage():
    return _private


def _refuse(message, code):
    raise ValidationError(message, code=code)


def clean_image(upload):
    """Return (photo, thumbnail) as fresh JPEG ContentFiles, or raise ValidationError."""
    if upload.size > settings.PHOTO_MAX_BYTES:
        _refuse(_("This photo is too large. Choose one under %(size)s MB.")
                % {"size": settings.PHOTO_MAX_BYTES // (1024 * 1024)}, "too_large")
    data = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            if probe.format not in ACCEPTED_FORMATS:
                _refuse(_("This file is not a photo we can read. Use a JPEG or PNG picture."), "format")
            width, height = probe.size
            if width * height > settings.PHOTO_MAX_PIXELS or width < 1 or height < 1:
                _refuse(_("This picture has too many pixels. Choose a smaller photo."), "pixels")
            probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        _refuse(_("This picture has too many pixels. Choose a smaller photo."), "pixels")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        _refuse(_("This file is not a photo we can read. Use a JPEG or PNG picture."), "format")

    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    image = image.convert("RGB")
    image.thumbnail((MAX_EDGE, MAX_EDGE))
    photo = _reencode(image)
    image.thumbnail((THUMB_EDGE, THUMB_EDGE))
    thumb = _reencode(image)
    name = uuid.uuid4().hex
    return ContentFile(photo, name=f"{name}.jpg"), ContentFile(thumb, name=f"{name}-thumb.jpg")


def _reencode(image):
    # A brand-new image built from raw pixels carries no EXIF, GPS, XMP or ICC data.
    clean = Image.frombytes("RGB", image.size, image.tobytes())
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()
