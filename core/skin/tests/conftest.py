import pytest
from django.core.files.storage import FileSystemStorage

from core.skin.models import WoundPhoto


@pytest.fixture(autouse=True)
def wound_storage(tmp_path, monkeypatch):
    """Each test's wound photos go to a folder of its own, never to the real private-media.

    (The storage's folder is fixed when the models load, before conftest.py can change
    PRIVATE_MEDIA_ROOT, so it is swapped here.)
    """
    storage = FileSystemStorage(location=tmp_path / "private-media", base_url=None)
    for name in ("photo", "thumbnail"):
        monkeypatch.setattr(WoundPhoto._meta.get_field(name), "storage", storage)
    return storage
