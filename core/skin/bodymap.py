"""The body map: where each pressure site is drawn, front, back and face.

One table feeds both the tappable SVG and the plain list next to it, so the two
always offer the same places. Coordinates are in the SVG's 345 × 300 viewBox, three
equal panels: front (as you face the person, so their right is on your left), back
(as you stand behind them) and a close-up of the face for device sites.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

from .models import site_label
from .staging import Side, Site

FRONT_X, BACK_X, FACE_X = 57.5, 172.5, 287.5
HIT_MARGIN = 4

VIEWS = (
    ("back", _("Back of the body")),
    ("front", _("Front of the body")),
    ("face", _("Face")),
)


@dataclass(frozen=True)
class Spot:
    view: str
    site: str
    side: str
    cx: float
    cy: float
    rx: float
    ry: float


def _pair(view, site, x, dx, cy, rx, ry, *, mirrored):
    # Front and face views are mirrored: the person's right is on the viewer's left.
    right, left = (x - dx, x + dx) if mirrored else (x + dx, x - dx)
    return [Spot(view, site, Side.LEFT, left, cy, rx, ry), Spot(view, site, Side.RIGHT, right, cy, rx, ry)]


SPOTS = (
    # Back: lying on the back and sitting load these.
    Spot("back", Site.OCCIPUT, Side.CENTRE, BACK_X, 24, 11, 11),
    *_pair("back", Site.SHOULDER_BLADE, BACK_X, 16, 80, 11, 13, mirrored=False),
    Spot("back", Site.SPINE, Side.CENTRE, BACK_X, 112, 5, 15),
    *_pair("back", Site.BACK_OF_ARM, BACK_X, 42, 86, 7, 15, mirrored=False),
    *_pair("back", Site.ELBOW, BACK_X, 42, 118, 8, 8, mirrored=False),
    Spot("back", Site.SACRUM, Side.CENTRE, BACK_X, 139, 9, 9),
    *_pair("back", Site.ISCHIUM, BACK_X, 15, 158, 8, 8, mirrored=False),
    *_pair("back", Site.BACK_OF_LEG, BACK_X, 17, 205, 9, 22, mirrored=False),
    *_pair("back", Site.HEEL, BACK_X, 17, 285, 10, 7, mirrored=False),
    # Front and sides: lying on the side loads these.
    *_pair("front", Site.SHOULDER, FRONT_X, 38, 64, 9, 9, mirrored=True),
    *_pair("front", Site.HIP, FRONT_X, 31, 148, 9, 9, mirrored=True),
    *_pair("front", Site.KNEE, FRONT_X, 17, 212, 10, 10, mirrored=True),
    *_pair("front", Site.ANKLE, FRONT_X, 17, 272, 8, 7, mirrored=True),
    # Face: under tubes and masks, and the ears when lying on the side.
    *_pair("face", Site.EAR, FACE_X, 44, 62, 7, 13, mirrored=True),
    Spot("face", Site.NOSE, Side.CENTRE, FACE_X, 64, 7, 10),
    Spot("face", Site.LIPS, Side.CENTRE, FACE_X, 87, 15, 6),
)

# Too small to tap on a drawing: offered in the list (and the form) only.
LIST_ONLY = ((Site.MOUTH, Side.CENTRE), (Site.OTHER, Side.CENTRE))


def site_query(site, side, keep):
    """The query string that preselects a site, keeping the page's other parameters."""
    params = {k: v for k, v in keep.items() if k not in ("site", "side") and v}
    params.update(site=site, side=side)
    return "?" + urlencode(params)


def build(selected=None, watched=(), keep=None):
    """Everything the template needs: spots with their label, link and state, and the list."""
    keep = keep or {}
    watched = set(watched)

    def item(site, side, spot=None):
        return {"spot": spot, "site": site, "side": side, "label": site_label(site, side),
                "href": site_query(site, side, keep) + "#finding",
                "selected": selected == (site, side), "watched": (site, side) in watched}

    spots = []
    for spot in SPOTS:
        entry = item(spot.site, spot.side, spot)
        # A slightly larger invisible target around each drawn spot, for fingers.
        entry["hit_rx"], entry["hit_ry"] = spot.rx + HIT_MARGIN, spot.ry + HIT_MARGIN
        spots.append(entry)
    groups = [(label, [i for i in spots if i["spot"].view == view]) for view, label in VIEWS]
    groups.append((_("Other places"), [item(site, side) for site, side in LIST_ONLY]))
    return {"spots": spots, "groups": groups, "front_x": FRONT_X, "back_x": BACK_X, "face_x": FACE_X}
