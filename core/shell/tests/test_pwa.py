"""Installability: manifest, icons, our service worker, the offline page."""

import json

from django.contrib.staticfiles import finders
from django.urls import reverse
from PIL import Image

from scripts.make_icons import make_icons


def test_the_manifest_has_what_browsers_need_to_install(client):
    response = client.get(reverse("manifest"))
    manifest = json.loads(response.content)
    assert response["Content-Type"].startswith("application/json")
    for key in ("name", "short_name", "description", "start_url", "scope", "id"):
        assert manifest[key]
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == reverse("shell:start")
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    assert manifest["shortcuts"] and all(s["url"].startswith("/") for s in manifest["shortcuts"])


def test_every_manifest_icon_exists_with_its_declared_size(client):
    manifest = json.loads(client.get(reverse("manifest")).content)
    for icon in manifest["icons"] + [i for s in manifest["shortcuts"] for i in s["icons"]]:
        path = finders.find(icon["src"].removeprefix("/static/"))
        assert path, icon["src"]
        with Image.open(path) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]


def test_the_manifest_follows_the_language(client):
    client.cookies["django_language"] = "ar"
    manifest = json.loads(client.get(reverse("manifest")).content)
    assert (manifest["lang"], manifest["dir"]) == ("ar", "rtl")


def test_our_service_worker_is_served_at_the_root(client):
    response = client.get("/serviceworker.js")
    assert response["Content-Type"] == "application/javascript"
    body = response.content.decode()
    assert "app-shell.json" in body and 'addEventListener("fetch"' in body


def test_the_app_shell_list_points_at_real_files(client, db):
    shell = json.loads(client.get(reverse("shell:app_shell")).content)
    assert shell["offline"] == reverse("offline")
    for url in shell["urls"]:
        if url.startswith("/static/"):
            assert finders.find(url.removeprefix("/static/")), url
        else:
            assert client.get(url).status_code == 200, url


def test_the_offline_page_is_our_own_and_translated(client, db):
    english = client.get(reverse("offline")).content.decode()
    client.cookies["django_language"] = "es"
    spanish = client.get(reverse("offline")).content.decode()
    assert "data-offline-page" in english and "data-offline-page" in spanish
    assert "No connection" in english and "No connection" not in spanish


def test_icons_are_generated_from_one_source_image(tmp_path):
    written = make_icons(out=tmp_path)
    sizes = {path.name: Image.open(path).size for path in written}
    assert sizes["icon-192.png"] == (192, 192)
    assert sizes["icon-512.png"] == (512, 512)
    assert sizes["maskable-512.png"] == (512, 512)
    assert sizes["apple-touch-icon.png"] == (180, 180)
    # The maskable icon's corners are the background colour: nothing of the artwork is cropped.
    assert Image.open(tmp_path / "maskable-512.png").getpixel((5, 5))[:3] == (11, 110, 105)


def test_start_opens_the_current_patients_today(circle, client_for):
    client = client_for(circle.owner)
    response = client.get(reverse("shell:start"))
    assert response["Location"] == reverse("reminders:today", args=[circle.patient.pk])


def test_start_without_a_patient_goes_to_my_patients(db, client_for):
    from conftest import make_user

    response = client_for(make_user("solo@example.org", "Solo")).get(reverse("shell:start"))
    assert response["Location"] == reverse("patients:list")
