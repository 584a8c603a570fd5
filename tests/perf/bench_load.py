"""Load benchmark: 50 simultaneous people for 60 s against gunicorn with the
README's production settings, on PostgreSQL + Redis, on the large database.

Builds its own database (`gecolib_load`: migrate, demo data, `grow_data`),
collects the static files, starts gunicorn (sync workers, 2 × cores + 1),
runs locust headless with the mix of tests/perf/locustfile.py (visitors,
professionals, facilitators, staff), and prints requests per second and
p50/p95/p99 per page. With GECOLIB_LOAD_WORKERS="sync gthread" it runs once
per worker class, side by side (the README's serving advice).

People arrive five a second (GECOLIB_LOAD_RATE) and those with an account
sign in on arrival; once all 50 are there, the statistics are reset and the
mix is measured for 60 s (GECOLIB_LOAD_DURATION, seconds). Sign-ins, each a
deliberately slow password check (PBKDF2, about 0.2 s of CPU), are reported
on their own line, from the arrival phase.

It needs PostgreSQL and Redis (DATABASE_URL, REDIS_URL) and takes about
three minutes, so it runs on demand, not in CI:

    GECOLIB_LOAD_BENCH=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/gecolib \\
    REDIS_URL=redis://127.0.0.1:6379/3 .venv/bin/python -m pytest tests/perf/bench_load.py -s -q
"""

from __future__ import annotations

import csv
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
USERS = int(os.environ.get("GECOLIB_LOAD_USERS", "50"))
DURATION = int(os.environ.get("GECOLIB_LOAD_DURATION", "60").removesuffix("s"))
RATE = int(os.environ.get("GECOLIB_LOAD_RATE", "5"))
SCALE = os.environ.get("GECOLIB_LOAD_SCALE", "1")
WORKERS = 2 * (os.cpu_count() or 1) + 1
DATABASE = "gecolib_load"

pytestmark = [
    pytest.mark.perf,
    pytest.mark.skipif(
        not os.environ.get("GECOLIB_LOAD_BENCH")
        or not os.environ.get("DATABASE_URL", "").startswith("postgres")
        or not os.environ.get("REDIS_URL"),
        reason="sur demande (GECOLIB_LOAD_BENCH=1), avec PostgreSQL et Redis",
    ),
]


def _server_url() -> str:
    return os.environ["DATABASE_URL"].rsplit("/", 1)[0]


def _recreate_database() -> None:
    with psycopg.connect(f"{_server_url()}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def _environment() -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"{_server_url()}/{DATABASE}",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "GECOLIB_REQUIRE_MFA": "false",
        "TRUSTED_PROXY_COUNT": "1",
        "PYTHONPATH": str(ROOT),
    }


def _manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


IDS_SCRIPT = """
import json
from facilitations.models import Facilitation
from structures.models import Membership, Structure
member = Membership.objects.filter(user__email="professionnel@demo.gecolib.fr").first()
facilitation = Facilitation.objects.filter(
    assignments__user__email="facilitateur@demo.gecolib.fr").first()
public = Structure.objects.recognised().first()
print(json.dumps({"member_structure": member.structure_id, "facilitation": facilitation.pk,
                  "public_structure": public.pk}))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} ne répond pas")


def _run(env: dict, worker_class: str, ids: str, out: Path) -> tuple[list[dict], list[float]]:
    port = _free_port()
    command = [
        sys.executable, "-m", "gunicorn", "gecolib.wsgi",
        "--workers", str(WORKERS), "--worker-class", worker_class,
        "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null",
    ]  # fmt: skip
    if worker_class == "gthread":
        command += ["--threads", "4"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    try:
        _wait_for(f"http://127.0.0.1:{port}/healthz")
        prefix = out / worker_class
        sign_ins = out / f"{worker_class}_sign_ins.json"
        arrival = -(-USERS // RATE)
        subprocess.run(
            [
                sys.executable, "-m", "locust", "-f", str(ROOT / "tests/perf/locustfile.py"),
                "--headless", "-u", str(USERS), "-r", str(RATE), "-t", f"{arrival + DURATION}s",
                "--reset-stats", "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix),
                "--only-summary",
            ],
            cwd=ROOT,
            env={**env, "GECOLIB_LOAD_IDS": ids, "GECOLIB_LOAD_SIGN_INS": str(sign_ins)},
            check=False,
            capture_output=True,
        )  # fmt: skip
        with open(f"{prefix}_stats.csv", newline="") as handle:
            rows = list(csv.DictReader(handle))
        failures = Path(f"{prefix}_failures.csv")
        if failures.exists():
            with failures.open(newline="") as handle:
                for failure in csv.DictReader(handle):
                    print(
                        f"  échec {failure['Method']} {failure['Name']} "
                        f"×{failure['Occurrences']} : {failure['Error']}"
                    )
        return rows, json.loads(sign_ins.read_text()) if sign_ins.exists() else []
    finally:
        server.terminate()
        server.wait(timeout=30)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def _print(worker_class: str, rows: list[dict], sign_ins: list[float]) -> None:
    print(
        f"\n— gunicorn {WORKERS} workers {worker_class}, {USERS} personnes, "
        f"{DURATION} s mesurées après leur arrivée ({RATE} par seconde)"
    )
    print(f"{'page':32} {'req.':>6} {'err.':>5} {'req/s':>6} {'p50':>6} {'p95':>6} {'p99':>6}")
    for row in rows:
        print(
            f"{row['Name'][:32]:32} {row['Request Count']:>6} {row['Failure Count']:>5} "
            f"{float(row['Requests/s']):6.1f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
        )
    print(
        f"{'connexion (à l’arrivée)':32} {len(sign_ins):>6} {'':>5} {'':>6} "
        f"{_percentile(sign_ins, 0.5):6.0f} {_percentile(sign_ins, 0.95):6.0f} "
        f"{_percentile(sign_ins, 0.99):6.0f}"
    )


def test_load(tmp_path):
    _recreate_database()
    env = _environment()
    started = time.perf_counter()
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "collectstatic", "--noinput", "-v0")
    _manage(env, "demo_data", "-v0")
    _manage(env, "grow_data", "--scale", SCALE)
    ids = _manage(env, "shell", "-c", IDS_SCRIPT).strip().splitlines()[-1]
    print(f"\nBase de charge prête en {time.perf_counter() - started:.0f} s (échelle {SCALE})")
    results = {}
    for worker_class in os.environ.get("GECOLIB_LOAD_WORKERS", "sync").split():
        rows, sign_ins = _run(env, worker_class, ids, tmp_path)
        results[worker_class] = rows
        _print(worker_class, rows, sign_ins)
    for rows in results.values():
        total = next(row for row in rows if row["Name"] == "Aggregated")
        assert int(total["Request Count"]) > 0
