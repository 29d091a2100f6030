"""Generate every app icon from one source image (Pillow only).

    python scripts/make_icons.py [SOURCE] [OUT_DIR]

The source is a square picture at least 512 px wide whose artwork already sits
well inside the edges. The maskable icon adds extra margin so that Android's
circle or squircle crop never cuts into the artwork (safe zone: 80 % circle).
"""

import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "scripts" / "icon-source" / "tend-icon-1024.png"
OUT = ROOT / "static" / "icons"
BACKGROUND = "#0b6e69"

SIZES = {"icon-192.png": 192, "icon-512.png": 512, "apple-touch-icon.png": 180, "favicon-32.png": 32}


def make_icons(source=SOURCE, out=OUT):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with Image.open(source) as opened:
        image = opened.convert("RGBA")
    if image.width != image.height or image.width < 512:
        raise SystemExit("The source icon must be square and at least 512 px wide.")
    written = []
    for name, size in SIZES.items():
        icon = image.resize((size, size), Image.Resampling.LANCZOS)
        if name == "apple-touch-icon.png":  # iOS shows transparency as black
            icon = _on_background(icon)
        icon.save(out / name, optimize=True)
        written.append(out / name)
    # Maskable: artwork scaled to 70 % on a full-bleed background.
    maskable = Image.new("RGBA", (512, 512), BACKGROUND)
    inner = image.resize((358, 358), Image.Resampling.LANCZOS)
    maskable.alpha_composite(inner, (77, 77))
    maskable.convert("RGB").save(out / "maskable-512.png", optimize=True)
    written.append(out / "maskable-512.png")
    return written


def _on_background(icon):
    background = Image.new("RGBA", icon.size, BACKGROUND)
    background.alpha_composite(icon)
    return background.convert("RGB")


if __name__ == "__main__":
    args = sys.argv[1:]
    for path in make_icons(*(Path(a) for a in args)):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
