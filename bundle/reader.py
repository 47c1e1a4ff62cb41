"""Reading a bundle: its manifest, its records one line at a time, its files checked."""

import hashlib
import json
import shutil
import tarfile
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from .export import FORMAT, VERSION


class BundleError(Exception):
    """The bundle as a whole cannot be read (no manifest, another format or version)."""


@dataclass
class Problem:
    where: str  # e.g. "articles.jsonl:12 (article-7)"
    message: str

    def __str__(self):
        return f"{self.where}: {self.message}"


@dataclass
class Record:
    kind: str
    line: int
    data: dict = field(default_factory=dict)

    @property
    def where(self) -> str:
        ident = self.data.get("id") if isinstance(self.data, dict) else None
        return f"{self.kind}.jsonl:{self.line}" + (f" ({ident})" if ident else "")


@contextmanager
def open_bundle(path: str):
    """
    Yield the bundle's directory and its manifest; a .tar.gz is unpacked to a temporary
    directory first, removed again when the import is done.
    """
    source = Path(path)
    if not (source.is_file() and tarfile.is_tarfile(source)):
        yield source, read_manifest(source, path)
        return
    target = Path(tempfile.mkdtemp(prefix="bundle-"))
    try:
        try:
            with tarfile.open(source) as tar:
                tar.extractall(target, filter="data")  # "data": no links out, no absolute paths.
        except (tarfile.TarError, OSError) as error:
            raise BundleError(
                _("%(path)s cannot be unpacked: %(error)s") % {"path": path, "error": error}
            ) from None
        yield target, read_manifest(target, path)
    finally:
        shutil.rmtree(target, ignore_errors=True)


def read_manifest(source: Path, path: str) -> dict:
    """Return the manifest of the bundle directory source; raise BundleError if unusable."""
    manifest_path = source / "manifest.json"
    if not manifest_path.is_file():
        raise BundleError(_("%(path)s is not a bundle: it has no manifest.json.") % {"path": path})
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise BundleError(
            _("The manifest is not valid JSON: %(error)s") % {"error": error}
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleError(_("The manifest does not describe a %(format)s.") % {"format": FORMAT})
    if manifest.get("version") != VERSION:
        raise BundleError(
            _("Bundle format version %(found)s is not supported (this site reads %(version)s).")
            % {"found": manifest.get("version"), "version": VERSION}
        )
    return manifest


def records(root: Path, kind: str, problems: list[Problem]):
    """Yield the records of kind.jsonl; a line that is not a JSON object becomes a problem."""
    path = root / f"{kind}.jsonl"
    if not path.is_file():
        return
    with open(path, encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except ValueError as error:
                problems.append(Problem(f"{kind}.jsonl:{number}", _("bad JSON: %s") % error))
                continue
            if not isinstance(data, dict) or not isinstance(data.get("id"), str):
                message = _("a record must be a JSON object with a string id")
                problems.append(Problem(f"{kind}.jsonl:{number}", message))
                continue
            yield Record(kind, number, data)


def count_lines(root: Path, kind: str) -> int:
    path = root / f"{kind}.jsonl"
    if not path.is_file():
        return 0
    with open(path, "rb") as lines:
        return sum(1 for line in lines if line.strip())


def bundle_file(root: Path, ref) -> tuple[Path | None, str | None]:
    """Return (the file a record refers to, None) or (None, what is wrong with it)."""
    if not ref:
        return None, None
    if not isinstance(ref, dict) or not isinstance(ref.get("path"), str):
        return None, _("a file must be given as {path, sha256}")
    path = (root / ref["path"]).resolve()
    if root.resolve() not in path.parents or not path.is_file():
        return None, _("the file %(path)s is missing from the bundle") % {"path": ref["path"]}
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != ref.get("sha256"):
        return None, _("the file %(path)s does not match its checksum") % {"path": ref["path"]}
    return path, None


def checksum(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
