"""
Build the site's web fonts: static/fonts/*.woff2, their licences and static/css/fonts.css.

    make fonts        # = .venv/bin/python fonts/build.py (needs npm and fonttools[woff])

Each face comes from a pinned Fontsource package on npm (`npm pack`, checked against the
registry's integrity hash), already split by script; pyftsubset from fonttools cuts it down
to the characters this site writes and re-compresses it as WOFF2. The @font-face rules are
written from the subset files themselves, so each unicode-range is exactly what its file
holds and a browser downloads a file only when the page has a character from it.
See fonts/README.md for the faces, the licences and why these characters.
"""

import json
import shlex
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "static" / "fonts"
CSS = ROOT / "static" / "css" / "fonts.css"

PACKAGES = {
    "noto-naskh-arabic": "@fontsource/noto-naskh-arabic@5.3.0",
    "vazirmatn": "@fontsource/vazirmatn@5.3.0",
    "source-serif-4": "@fontsource/source-serif-4@5.3.1",
}
# The Arabic letters Arabic and Persian are written with, the joiners and direction marks
# their text uses, hyphens, ornate parentheses and the honorific ligatures editors paste.
# Left out: Arabic Supplement and Extended-A (other languages' letters) and the legacy
# presentation forms (text is stored in logical form; shaping needs no code points for them).
ARABIC = "U+0600-06FF,U+200C-200F,U+2010-2011,U+FD3E-FD3F,U+FDF2,U+FDFA-FDFD"
# Western European text, as Fontsource's "latin" subset: names and terms inside Arabic and
# Farsi text, and the spaces and punctuation both scripts share.
LATIN = (
    "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,"
    "U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD"
)
# (family, package, Fontsource file, weight, style, characters). Only the weights the
# stylesheet uses: 400 for text, 700 for headings and <strong> (600 resolves to 700);
# italic only for the English serif (Arabic script has no italic: browsers slant it).
FACES = [
    ("Noto Naskh Arabic", "noto-naskh-arabic", "arabic-400-normal", 400, "normal", ARABIC),
    ("Noto Naskh Arabic", "noto-naskh-arabic", "arabic-700-normal", 700, "normal", ARABIC),
    ("Noto Naskh Arabic", "noto-naskh-arabic", "latin-400-normal", 400, "normal", LATIN),
    ("Noto Naskh Arabic", "noto-naskh-arabic", "latin-700-normal", 700, "normal", LATIN),
    ("Vazirmatn", "vazirmatn", "arabic-400-normal", 400, "normal", ARABIC),
    ("Vazirmatn", "vazirmatn", "arabic-700-normal", 700, "normal", ARABIC),
    ("Vazirmatn", "vazirmatn", "latin-400-normal", 400, "normal", LATIN),
    ("Vazirmatn", "vazirmatn", "latin-700-normal", 700, "normal", LATIN),
    ("Source Serif 4", "source-serif-4", "latin-400-normal", 400, "normal", LATIN),
    ("Source Serif 4", "source-serif-4", "latin-400-italic", 400, "italic", LATIN),
    ("Source Serif 4", "source-serif-4", "latin-700-normal", 700, "normal", LATIN),
]


def fetch(work: Path) -> dict[str, Path]:
    """npm pack each package into work; return its unpacked folder by short name."""
    folders = {}
    for name, spec in PACKAGES.items():
        out = subprocess.run(
            ["npm", "pack", "--json", "--pack-destination", str(work), spec],
            check=True,
            capture_output=True,
            text=True,
        )
        tarball = work / json.loads(out.stdout)[0]["filename"]
        folder = work / name
        with tarfile.open(tarball) as archive:
            archive.extractall(folder, filter="data")
        folders[name] = folder / "package"
    return folders


def subset(source: Path, target: Path, unicodes: str) -> None:
    command = [
        "pyftsubset",
        str(source),
        f"--unicodes={unicodes}",
        # Every OpenType feature the face has: Arabic joining, marks, Persian locl forms.
        "--layout-features=*",
        "--flavor=woff2",
        f"--output-file={target}",
    ]
    print(shlex.join(command))
    subprocess.run([sys.executable, "-m", "fontTools.subset", *command[1:]], check=True)


def unicode_range(path: Path) -> str:
    """Return the code points the font maps, as a CSS unicode-range."""
    points = sorted(TTFont(path).getBestCmap())
    spans, start, end = [], points[0], points[0]
    for point in points[1:]:
        if point == end + 1:
            end = point
            continue
        spans.append((start, end))
        start = end = point
    spans.append((start, end))
    return ",".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in spans)


def font_face(family: str, file: str, weight: int, style: str, ranges: str) -> str:
    return (
        "@font-face {\n"
        f'  font-family: "{family}";\n'
        f"  font-style: {style};\n"
        f"  font-weight: {weight};\n"
        "  font-display: swap;\n"
        f'  src: url("../fonts/{file}") format("woff2");\n'
        f"  unicode-range: {ranges};\n"
        "}\n"
    )


def main() -> None:
    FONTS.mkdir(parents=True, exist_ok=True)
    for old in FONTS.glob("*.woff2"):
        old.unlink()
    rules = []
    with tempfile.TemporaryDirectory() as work:
        folders = fetch(Path(work))
        for name, folder in folders.items():
            shutil.copyfile(folder / "LICENSE", FONTS / f"{name}-OFL.txt")
        for family, package, variant, weight, style, unicodes in FACES:
            file = f"{package}-{variant}.woff2"
            source = folders[package] / "files" / f"{package}-{variant}.woff2"
            subset(source, FONTS / file, unicodes)
            rules.append(font_face(family, file, weight, style, unicode_range(FONTS / file)))
    versions = ", ".join(PACKAGES.values())
    CSS.write_text(
        f"/* Generated by fonts/build.py (make fonts) from {versions}; do not edit. */\n\n"
        + "\n".join(rules)
    )
    total = sum(path.stat().st_size for path in FONTS.glob("*.woff2"))
    print(f"{len(FACES)} faces, {total / 1024:.0f} KiB of WOFF2 in {FONTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
