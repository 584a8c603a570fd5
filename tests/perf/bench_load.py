"""Load benchmark: 50 signed-in people for 60 s against gunicorn with the
README's production settings, on PostgreSQL + Redis, on the large database.

Builds its own database (`gecolib_load`, or GECOLIB_LOAD_DATABASE: migrate,
demo data, `grow_data`),
collects the static files, starts gunicorn (sync workers, 2 × cores + 1),
and runs locust headless twice on the same machine, with the same number of
people and think time (1–3 s):

1. the signed-in mix of tests/perf/locustfile.py: 30 professionals, 14
   facilitators and 6 staff (in proportion for another GECOLIB_LOAD_USERS),
   each with an account of their own from the generated database
   (tests/perf/service_mix.py), staff and facilitators passing their second
   factor (TOTP), as production requires (GECOLIB_REQUIRE_MFA);
2. the same people asking for /healthz only: the machine's floor.

It prints requests per second and p50/p95/p99 per page for both, the ratio
of their p95, and the sign-ins apart (people arrive five a second —
GECOLIB_LOAD_RATE — and each sign-in is a deliberately slow password check).
The mix is measured for 60 s (GECOLIB_LOAD_DURATION, seconds) from the
moment everyone has signed in. With
GECOLIB_LOAD_WORKERS="sync gthread" it runs once per worker class.

It needs PostgreSQL and Redis (DATABASE_URL, REDIS_URL) and takes about
four minutes, so it runs on demand (`make bench-load`), not in CI:

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
# Dropped and created again by each run.
DATABASE = os.environ.get("GECOLIB_LOAD_DATABASE", "gecolib_load")

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
        "GECOLIB_REQUIRE_MFA": "true",
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


PEOPLE_SCRIPT = """
import json
from tests.perf.service_mix import prepare_people
print(json.dumps(prepare_people(**json.loads('{counts}'))))
"""


def _counts() -> dict[str, int]:
    """30 professionals, 14 facilitators and 6 staff for 50 people."""
    facilitators = max(1, round(USERS * 14 / 50))
    staff = max(1, round(USERS * 6 / 50))
    return {
        "professionals": USERS - facilitators - staff,
        "facilitators": facilitators,
        "staff": staff,
    }


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


def _locust(env: dict, port: int, prefix: Path, classes: list[str], extra: dict) -> list[dict]:
    """One locust run. The signed-in mix resets its statistics once everyone
    has signed in and stops DURATION seconds later (locustfile.py); the
    floor once everyone has arrived. The time limit is only a safety net."""
    arrival = -(-USERS // RATE)
    signed_in = "GECOLIB_LOAD_MEASURE" in extra
    limit = arrival + DURATION + (600 if signed_in else 0)
    subprocess.run(
        [
            sys.executable, "-m", "locust", "-f", str(ROOT / "tests/perf/locustfile.py"),
            "--headless", "-u", str(USERS), "-r", str(RATE), "-t", f"{limit}s",
            *([] if signed_in else ["--reset-stats"]),
            "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix),
            "--only-summary", *classes,
        ],
        cwd=ROOT,
        env={**env, **extra},
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
    return rows


def _run(
    env: dict, worker_class: str, people: Path, out: Path
) -> tuple[list[dict], list[float], list[dict]]:
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
        # Five workers each load the portal: a busy machine takes a while.
        _wait_for(f"http://127.0.0.1:{port}/healthz", seconds=180)
        sign_ins = out / f"{worker_class}_sign_ins.json"
        counts = _counts()
        roles = {
            "professional": counts["professionals"],
            "facilitator": counts["facilitators"],
            "staff": counts["staff"],
        }
        rows = _locust(
            env,
            port,
            out / worker_class,
            ["Professional", "Facilitator", "Staff"],
            {
                "GECOLIB_LOAD_PEOPLE": str(people),
                "GECOLIB_LOAD_COUNTS": json.dumps(roles),
                "GECOLIB_LOAD_SIGN_INS": str(sign_ins),
                "GECOLIB_LOAD_MEASURE": str(DURATION),
            },
        )
        floor = _locust(env, port, out / f"{worker_class}_floor", ["Floor"], {})
        return rows, json.loads(sign_ins.read_text()) if sign_ins.exists() else [], floor
    finally:
        server.terminate()
        server.wait(timeout=30)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def _print(worker_class: str, rows: list[dict], sign_ins: list[float], floor: list[dict]) -> None:
    print(
        f"\n— gunicorn {WORKERS} workers {worker_class}, {USERS} personnes connectées, "
        f"{DURATION} s mesurées une fois tous connectés (arrivée : {RATE} par seconde)"
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
    total = next(row for row in rows if row["Name"] == "Aggregated")
    healthz = next((row for row in floor if row["Name"] == "Aggregated"), None)
    if healthz is not None:
        print(
            f"{'/healthz, mêmes personnes (plancher)':32} {healthz['Request Count']:>6} "
            f"{healthz['Failure Count']:>5} {float(healthz['Requests/s']):6.1f} "
            f"{healthz['50%']:>6} {healthz['95%']:>6} {healthz['99%']:>6}"
        )
        print(
            f"p95 du mélange / p95 de /healthz : {float(total['95%']) / float(healthz['95%']):.1f}×"
        )


def test_load(tmp_path):
    env = _environment()
    started = time.perf_counter()
    # GECOLIB_LOAD_REUSE=1 measures again on the database of a former run.
    reuse = bool(os.environ.get("GECOLIB_LOAD_REUSE"))
    if not reuse:
        _recreate_database()
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "collectstatic", "--noinput", "-v0")
    if not reuse:
        _manage(env, "demo_data", "-v0")
        _manage(env, "grow_data", "--scale", SCALE)
    script = PEOPLE_SCRIPT.replace("{counts}", json.dumps(_counts()))
    people = tmp_path / "people.json"
    people.write_text(_manage(env, "shell", "-c", script).strip().splitlines()[-1])
    print(f"\nBase de charge prête en {time.perf_counter() - started:.0f} s (échelle {SCALE})")
    results = {}
    for worker_class in os.environ.get("GECOLIB_LOAD_WORKERS", "sync").split():
        rows, sign_ins, floor = _run(env, worker_class, people, tmp_path)
        results[worker_class] = rows
        _print(worker_class, rows, sign_ins, floor)
    for rows in results.values():
        total = next(row for row in rows if row["Name"] == "Aggregated")
        assert int(total["Request Count"]) > 0
