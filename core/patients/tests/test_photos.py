"""The photo pipeline against hostile and awkward files."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.photos import clean_image

GPS = 0x8825
ORIENTATION = 0x0112


def jpeg(size=(64, 48), color="teal", exif=None):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, color)
    image.save(buffer, "JPEG", **({"exif": exif} if exif is not None else {}))
    return buffer.getvalue()


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def gps_exif(orientation=None):
    exif = Image.Exif()
    exif[GPS] = {1: "N", 2: (40.0, 26.0, 46.0), 3: "W", 4: (3.0, 42.0, 3.0)}
    exif[0x010F] = "PhoneMaker"  # camera make
    if orientation:
        exif[ORIENTATION] = orientation
    return exif


def png_with_huge_dimensions(width, height):
    """A tiny file that claims enormous dimensions (a decompression bomb)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 100)) + chunk(b"IEND", b""))


def test_a_gps_tagged_photo_comes_back_with_no_metadata_at_all():
    photo, thumb = clean_image(upload(jpeg(exif=gps_exif())))
    for result in (photo, thumb):
        image = Image.open(io.BytesIO(result.read()))
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "exif" not in image.info and "icc_profile" not in image.info
        assert b"PhoneMaker" not in result.file.getvalue()


def test_the_exif_orientation_is_applied_before_it_is_stripped():
    # Orientation 6 means "rotate 90°": a landscape sensor image shown as portrait.
    photo, _thumb = clean_image(upload(jpeg(size=(80, 40), exif=gps_exif(orientation=6))))
    image = Image.open(io.BytesIO(photo.read()))
    assert image.size == (40, 80)


def test_large_photos_are_scaled_down_and_get_a_small_thumbnail():
    photo, thumb = clean_image(upload(jpeg(size=(4000, 3000))))
    assert max(Image.open(io.BytesIO(photo.read())).size) == 1600
    assert max(Image.open(io.BytesIO(thumb.read())).size) == 320


def test_transparent_png_is_accepted_and_flattened():
    buffer = io.BytesIO()
    Image.new("RGBA", (20, 20), (255, 0, 0, 0)).save(buffer, "PNG")
    photo, _thumb = clean_image(upload(buffer.getvalue(), "x.png", "image/png"))
    assert Image.open(io.BytesIO(photo.read())).mode == "RGB"


HOSTILE = {
    "text pretending to be a jpeg": (b"this is not a picture at all" * 10, "format"),
    "truncated jpeg": (jpeg(size=(400, 300))[:300], "format"),
    "html polyglot": (b"<html><script>alert(1)</script></html>" + jpeg()[:50], "format"),
    "empty file": (b"", "format"),
    "decompression bomb": (png_with_huge_dimensions(30000, 30000), "pixels"),
    "huge dimensions below the bomb limit": (png_with_huge_dimensions(9000, 9000), "pixels"),
    "svg with script": (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                        "format"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_are_refused_with_a_clear_reason(name):
    data, code = HOSTILE[name]
    with pytest.raises(ValidationError) as refused:
        clean_image(upload(data))
    assert refused.value.code == code
    assert str(refused.value.messages[0])


def test_files_over_the_size_limit_are_refused_before_reading(settings):
    settings.PHOTO_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as refused:
        clean_image(upload(jpeg(size=(600, 600), color="red") + b"\0" * 2000))
    assert refused.value.code == "too_large"


def test_a_bmp_or_tiff_is_refused_even_when_pillow_could_read_it():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "TIFF")
    with pytest.raises(ValidationError):
        clean_image(upload(buffer.getvalue(), "x.tif", "image/tiff"))
