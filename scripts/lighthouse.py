"""make lighthouse: Lighthouse's four scores (mobile) for the main pages, production settings.

Builds a throwaway SQLite site with the demo content, collects static files, serves it with
gunicorn under clinic.settings.production and runs Lighthouse from npm with Debian's
Chromium against the home page, a treatment page, the article index, an article and the
booking page. Prints a table and writes bench-results/lighthouse.json. Not part of make test.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet

from scripts import servers

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / ".tools/lighthouse/node_modules/.bin/lighthouse"
LIGHTHOUSE_VERSION = "13.5.0"
PAGES = {
    "home": "/",
    "treatment": "/treatments/ketamine-infusion-therapy/",
    "article index": "/articles/",
    "article": "/articles/kap-and-ketamine-infusions-how-they-differ/",
    "booking": "/book-a-consultation/",
}
METRICS = [
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


def main():
    install_lighthouse()
    workdir = Path(tempfile.mkdtemp(prefix="clinic-lighthouse-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clinic.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{workdir / 'site.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "SERVE_MEDIA": "true",
        "CHROME_PATH": "/usr/bin/chromium",
    }
    env.pop("REDIS_URL", None)
    port = servers.free_ports()[0]
    env["SITE_URL"] = f"http://127.0.0.1:{port}"  # canonical links name the audited server
    manage = [sys.executable, "manage.py"]
    for command in (
        ["migrate", "--noinput"],
        ["load_demo_content"],
        ["collectstatic", "--noinput"],
    ):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True)

    server = servers.start_gunicorn(port, env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        servers.wait_until_answering(f"http://127.0.0.1:{port}/", server)
        results = {
            name: audit(f"http://127.0.0.1:{port}{path}", env) for name, path in PAGES.items()
        }
    finally:
        servers.stop(server)
        shutil.rmtree(workdir, ignore_errors=True)

    report(results)


def install_lighthouse():
    if not LIGHTHOUSE.exists():
        subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(LIGHTHOUSE.parents[2]),
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            check=True,
        )


def audit(url, env):
    with tempfile.NamedTemporaryFile(suffix=".json") as output:
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={output.name}",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={CHROME_FLAGS}",
            ],
            env=env,
            check=True,
        )
        data = json.loads(Path(output.name).read_text())
    scores = {name: data["categories"][name]["score"] for name in CATEGORIES}
    failing = [
        audit["title"]
        for audit in data["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") == "binary"
    ]
    metrics = {key: data["audits"][key]["displayValue"] for key in METRICS}
    return {"url": url, "scores": scores, "metrics": metrics, "failing_audits": failing}


def report(results):
    header = f"{'page':<15}" + "".join(f"{name:>16}" for name in CATEGORIES)
    print(header)
    missed = []
    for name, result in results.items():
        scores = result["scores"]
        print(f"{name:<15}" + "".join(f"{scores[c]:>16.2f}" for c in CATEGORIES))
        missed += [f"{name}: {c} {scores[c]:.2f}" for c in CATEGORIES if scores[c] < TARGETS[c]]
        print(f"{'':<15}" + ", ".join(f"{k}: {v}" for k, v in result["metrics"].items()))
        if result["failing_audits"]:
            print(f"{'':<15}failing audits: {', '.join(result['failing_audits'])}")
    out = ROOT / "bench-results" / "lighthouse.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"\nWritten to {out.relative_to(ROOT)}")
    if missed:
        print("Below target: " + "; ".join(missed))


if __name__ == "__main__":
    main()
