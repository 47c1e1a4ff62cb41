"""
Lighthouse scores of the public pages (README "Benchmarks": Lighthouse).

Seeds a demo database of its own (SQLite under var/lighthouse/, kept between runs; --fresh
starts again), serves the site as in production (gunicorn, DEBUG off, WhiteNoise's hashed
and compressed static files, the page cache on; the server also answers /media/, standing
in for the front server that does in production) and runs Lighthouse (npm, pinned in
benchmarks/lighthouse/) in Debian's Chromium with its default mobile emulation and
simulated throttling on the home, article and search pages in English, Arabic and Farsi.
Prints the four scores per page and, for each category under its target, the audits that
fail. The JSON reports are kept in var/lighthouse/reports/. Not a test; never run in CI.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASE_DIR = HERE.parent
WORK = Path(os.environ.get("LIGHTHOUSE_DIR", BASE_DIR / "var" / "lighthouse")).resolve()
NPM_DIR = HERE / "lighthouse"
LIGHTHOUSE = NPM_DIR / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = Path(os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 90, "accessibility": 95, "best-practices": 95, "seo": 95}
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
# Production settings on loopback: plain HTTP, so no HTTPS redirect, secure cookies or HSTS.
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DATABASE_URL": f"sqlite:///{WORK / 'db.sqlite3'}",
        "STATIC_ROOT": str(WORK / "static"),
        "MEDIA_ROOT": str(WORK / "media"),
        "CACHE_DIR": str(WORK / "cache"),
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "BENCHMARK_SERVES_MEDIA": "1",
        # Alerts the seeding sets off go nowhere (there is no mail server here).
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
)
os.environ.pop("DEBUG", None)
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils.http import urlencode  # noqa: E402

from articles.models import ArticleTranslation  # noqa: E402
from benchmarks import load, sampling  # noqa: E402
from core.i18n import url_in  # noqa: E402


def ensure_tools():
    if not CHROMIUM.exists():
        raise SystemExit(f"Chromium is missing at {CHROMIUM}: apt-get install -y chromium")
    if not LIGHTHOUSE.exists():
        print("Installing Lighthouse (npm ci, benchmarks/lighthouse/)...", flush=True)
        subprocess.run(
            ["npm", "ci", "--prefix", str(NPM_DIR), "--no-audit", "--no-fund"], check=True
        )


def prepare(articles: int, fresh: bool):
    """Migrate, compile the catalogues, collect static files and seed the demo content."""
    if fresh:
        shutil.rmtree(WORK, ignore_errors=True)
    shutil.rmtree(WORK / "cache", ignore_errors=True)  # pages cached by an older template
    WORK.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    call_command("compile_translations", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"Seeding {articles} articles (seed_demo; kept in {WORK})...", flush=True)
    call_command("seed_demo", articles=articles, verbosity=0)


def article_path(language: str) -> str:
    """A public article with a hero image (most have one), the newest first."""
    public = ArticleTranslation.objects.public(language).order_by("-master__published_at")
    found = public.exclude(master__hero_image="").first() or public.first()
    if found is None:
        raise SystemExit(f"No public article in {language}: seed_demo made none?")
    return url_in(language, "articles:resolve", slug=found.slug)


def pages() -> list[tuple[str, str, str]]:
    """(page, language, path) for the home, article and search pages in each language."""
    found = []
    for language in sampling.LANGUAGES:
        query = urlencode({"q": sampling.SEARCH_QUERIES[language][0]})
        found += [
            ("home", language, url_in(language, "home")),
            ("article", language, article_path(language)),
            ("search", language, f"{url_in(language, 'search:search')}?{query}"),
        ]
    return found


def warm(url: str, page: str):
    """Fetch the page once, so Lighthouse gets the cached page a reader would."""
    with urllib.request.urlopen(url, timeout=30) as response:
        body = response.read().decode()
    if page == "search" and 'class="article-list"' not in body:
        raise SystemExit(f"{url} finds nothing; the search page is measured with results.")


def lighthouse(url: str, out: Path, attempts: int = 3) -> dict:
    """Run Lighthouse on url and return its JSON report (also written to out)."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--form-factor=mobile",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--output=json",
        f"--output-path={out}",
    ]
    for attempt in range(1, attempts + 1):
        done = subprocess.run(command, env={**os.environ, "CHROME_PATH": str(CHROMIUM)})
        if done.returncode == 0:
            return json.loads(out.read_text())
        # Now and then the trace misses the navigation (NO_NAVSTART) on a busy machine.
        print(f"  Lighthouse failed (attempt {attempt} of {attempts})", flush=True)
    raise SystemExit(f"Lighthouse failed {attempts} times on {url}")


def scores(report: dict) -> dict:
    return {
        name: round(report["categories"][name]["score"] * 100)
        if report["categories"][name]["score"] is not None
        else None
        for name in CATEGORIES
    }


def failing(report: dict, category: str) -> list[str]:
    """The scored audits of a category that do not pass (Lighthouse's threshold is 0.9)."""
    ids = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        mode = audit.get("scoreDisplayMode")
        scored = mode in ("binary", "numeric", "metricSavings") and audit["score"] is not None
        if mode == "error":
            ids.append(f"{ref['id']}(error)")
        elif scored and audit["score"] < 0.9 and (ref.get("weight") or category == "performance"):
            ids.append(ref["id"])
    return ids


def metrics(report: dict) -> str:
    return ", ".join(
        f"{short} {report['audits'][audit]['displayValue']}" for audit, short in METRICS.items()
    )


def median_run(runs: list[dict]) -> dict:
    """The run with the median performance score (Lighthouse's advice for noisy scores)."""
    ordered = sorted(runs, key=lambda report: report["categories"]["performance"]["score"] or 0)
    return ordered[len(ordered) // 2]


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is shown")
    parser.add_argument("--fresh", action="store_true", help="a new database and media")
    parser.add_argument("--pages", help="comma-separated: home,article,search (default: all)")
    parser.add_argument("--languages", help="comma-separated: en,ar,fa (default: all)")
    args = parser.parse_args()

    ensure_tools()
    prepare(args.articles, args.fresh)
    chosen = [
        (page, language, path)
        for page, language, path in pages()
        if (not args.pages or page in args.pages.split(","))
        and (not args.languages or language in args.languages.split(","))
    ]
    reports_dir = WORK / "reports"
    reports_dir.mkdir(exist_ok=True)
    started = time.strftime("%Y-%m-%d %H:%M")
    server = load.Server(page_cache_seconds=6 * 3600)
    rows = []
    try:
        for page, language, path in chosen:
            url = server.url + path
            warm(url, page)
            runs = []
            for run in range(args.runs):
                print(f"Lighthouse {page} {language} {path} ({run + 1}/{args.runs})", flush=True)
                runs.append(lighthouse(url, reports_dir / f"{page}-{language}-{run + 1}.json"))
            report = median_run(runs)
            performance = [scores(r)["performance"] for r in runs]
            rows.append((page, language, path, scores(report), report, performance))
    finally:
        server.stop()
    print_table(rows, started, report["lighthouseVersion"], report["environment"])


def print_table(rows, started, version, environment):
    print(f"\nLighthouse {version}, {environment['hostUserAgent'].split(') ')[-1]}")
    print(f"mobile, simulated throttling; run {started}; targets {TARGETS}")
    header = f"{'page':8} {'lang':4} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4}  failing audits"
    print(header)
    for page, language, _path, score, report, _runs in rows:
        below = [
            f"{name}: {' '.join(failing(report, name)) or '-'}"
            for name in CATEGORIES
            if score[name] is None or score[name] < TARGETS[name]
        ]
        cells = " ".join(f"{'-' if score[c] is None else score[c]:>4}" for c in CATEGORIES)
        print(f"{page:8} {language:4} {cells}  {'; '.join(below)}".rstrip())
    print("\nperformance metrics (median run):")
    for page, language, path, _score, report, performance in rows:
        spread = f" (runs {performance}, median {statistics.median(performance)})"
        print(f"  {page:8} {language:4} {metrics(report)}{spread if len(performance) > 1 else ''}")
        print(f"           {path}")


if __name__ == "__main__":
    sys.exit(main())
