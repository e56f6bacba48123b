"""The users of the bounded load test (infra/bench-load.sh): 50 clients spread over the
companies that the script made with `mypages-cli --local company create`, each client doing a
mix of reads and writes against the local stack, and every answer counted.

The script passes everything through the environment:

- MYPAGES_LOAD_COMPANIES: a JSON file, `[{id, name, admin: {email, password, newPassword}}]`;
- MYPAGES_LOAD_OUTCOME: where this file writes what happened (read by check.py);
- MYPAGES_LOAD_MAX_REQUESTS: the request cap (the runner stops when that many were sent);
- MYPAGES_LOAD_CPU_PIDS: `name:pid,...`, the stack's processes whose CPU time is read at the
  start and the end of the run.

Only 127.0.0.1 is ever a target: any other host stops locust before the first request.
"""

import base64
import datetime
import hashlib
import hmac
import itertools
import json
import os
import random
import struct
import time
import uuid
from collections import defaultdict
from urllib.parse import urlsplit

import gevent
import requests
from locust import HttpUser, between, events, task

# The contract every create sends (the API.md example with monthly payments, so a schedule
# read is 120 rows of real work). Its name varies so the contracts can be told apart.
CONTRACT_TEMPLATE = {
    "name": "Load test lease",
    "reference": "LOAD",
    "lessor": "Fastighets AB Last",
    "assetClass": "premises",
    "currency": "SEK",
    "commencementDate": "2026-01-01",
    "endDate": "2035-12-31",
    "payment": {"amount": "4500.00", "frequency": "monthly", "timing": "advance"},
    "discountRate": "5.0",
    "initialDirectCosts": "20000",
    "leaseIncentives": "5000",
}
# A PATCH's version must start after the latest one and at the start of a payment period: each
# is effective the first of the month after the latest version's date. That leaves 119 PATCHes
# in the ten-year term; a contract whose term is used up is only read.
# Contracts made per company before the clients start, so the first reads and PATCHes have
# something to work on.
SEED_CONTRACTS_PER_COMPANY = 3
# A PATCH answered 412 (stale If-Match) or 409 is the API refusing a lost update: expected
# under concurrency, counted apart, not a failure.
CONFLICT_STATUSES = (409, 412)
REQUEST_TIMEOUT_S = 60


class Company:
    """One company of the run and what its clients share: the admin's token and the
    contracts made so far, with the PATCHes each of them had answered 200."""

    def __init__(self, spec):
        self.id = spec["id"]
        self.name = spec["name"]
        self.admin = spec["admin"]
        self.token = None
        self.contract_ids = []
        self.patches_ok = defaultdict(int)
        # Per contract, (If-Match sent, ETag answered) of each PATCH answered 200.
        self.patch_tags = defaultdict(list)

    def headers(self, **extra):
        return {
            "authorization": f"Bearer {self.token}",
            "content-type": "application/json",
            "accept-language": "en",
            **extra,
        }


COMPANIES = []
USER_NUMBERS = itertools.count()
# The runner, for the request cap: the request event does not pass the environment.
RUNNER = []


class Tally:
    """What the run did, beyond locust's own statistics: every answer's status and time per
    request kind (exact percentiles, 5xx apart from conflicts), idempotent replays, the CPU
    time of the stack's processes."""

    def __init__(self):
        self.times_ms = defaultdict(list)
        self.statuses = defaultdict(lambda: defaultdict(int))
        self.failures = defaultdict(int)
        self.sent = 0
        self.first_start = None
        self.last_end = None
        self.replays_matching = 0
        self.cpu_before = {}
        self.cpu_after = {}
        self.cap_reached = False


TALLY = Tally()


def max_requests():
    return int(os.environ.get("MYPAGES_LOAD_MAX_REQUESTS", "30000"))


def require_loopback(host):
    """The load test never leaves the machine: the base URL must be http://127.0.0.1:PORT/..."""
    parts = urlsplit(host or "")
    if parts.scheme != "http" or parts.hostname != "127.0.0.1":
        raise SystemExit(f"refusing to load {host!r}: only http://127.0.0.1 is allowed")


def totp_code(secret):
    """RFC 6238 (SHA-1, 6 digits, 30 s), for an admin whose company asks for TOTP at the
    first login; a few lines of the standard library rather than one more package."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def sign_in(base_url, admin):
    """The ID token of a fresh company's admin: the temporary password's first login answers
    NEW_PASSWORD_REQUIRED (and, if the company requires it, MFA_SETUP) before any tokens."""

    def post(path, body):
        answer = requests.post(f"{base_url}{path}", json=body, timeout=REQUEST_TIMEOUT_S)
        if answer.status_code not in (200, 204):
            raise SystemExit(f"sign-in of {admin['email']}: {path} answered {answer.status_code} {answer.text}")
        return answer.json() if answer.content else {}

    answer = post("/auth/login", {"email": admin["email"], "password": admin["password"]})
    for _ in range(3):
        challenge = answer.get("challenge")
        if challenge is None:
            break
        if challenge == "NEW_PASSWORD_REQUIRED":
            answer = post("/auth/password", {"session": answer["session"], "newPassword": admin["newPassword"]})
        elif challenge == "MFA_SETUP":
            setup = post("/auth/mfa/setup", {"session": answer["session"]})
            answer = post(
                "/auth/mfa/verify",
                {"session": setup.get("session", answer["session"]), "code": totp_code(setup["secretCode"])},
            )
        else:
            raise SystemExit(f"sign-in of {admin['email']}: unexpected challenge {challenge}")
    if "idToken" not in answer:
        raise SystemExit(f"sign-in of {admin['email']}: no token in {answer}")
    return answer["idToken"]


def next_month_start(day):
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def new_contract_body():
    body = json.loads(json.dumps(CONTRACT_TEMPLATE))
    body["name"] = f"Load test lease {uuid.uuid4().hex[:8]}"
    return body


def cpu_ticks(pid):
    """utime + stime of a process (all its threads), in clock ticks, from /proc/<pid>/stat.
    The command name may hold spaces, so the fields are counted after its closing ')'."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def stack_pids():
    named = os.environ.get("MYPAGES_LOAD_CPU_PIDS", "")
    return dict(item.split(":", 1) for item in named.split(",") if item)


@events.init.add_listener
def prepare_companies(environment, **_kwargs):
    """Before the clock starts: refuse a non-local host, sign every admin in, seed contracts.
    An exception here ends locust with exit code 1 before any load."""
    require_loopback(environment.host)
    RUNNER.append(environment.runner)
    base_url = environment.host.rstrip("/")
    with open(os.environ["MYPAGES_LOAD_COMPANIES"], encoding="utf-8") as specs:
        COMPANIES.extend(Company(spec) for spec in json.load(specs))
    if not COMPANIES:
        raise SystemExit("no companies to load")
    for company in COMPANIES:
        company.token = sign_in(base_url, company.admin)
        for _ in range(SEED_CONTRACTS_PER_COMPANY):
            created = requests.post(
                f"{base_url}/contracts",
                json=new_contract_body(),
                headers=company.headers(**{"idempotency-key": str(uuid.uuid4())}),
                timeout=REQUEST_TIMEOUT_S,
            )
            if created.status_code != 201:
                raise SystemExit(f"seeding {company.name}: {created.status_code} {created.text}")
            company.contract_ids.append(created.json()["id"])


@events.test_start.add_listener
def read_cpu_at_start(environment, **_kwargs):
    TALLY.cpu_before = {name: cpu_ticks(pid) for name, pid in stack_pids().items()}


@events.request.add_listener
def count_answer(request_type, name, response_time, response, exception, start_time=None, **_kwargs):
    """Every answer (or its absence: status 0) by request kind; stops the runner at the cap."""
    status = response.status_code if response is not None and response.status_code else 0
    TALLY.statuses[name][status] += 1
    TALLY.times_ms[name].append(response_time)
    if exception is not None:
        TALLY.failures[name] += 1
    now = time.time()
    started = start_time if start_time is not None else now - response_time / 1000
    TALLY.first_start = started if TALLY.first_start is None else min(TALLY.first_start, started)
    TALLY.last_end = now
    TALLY.sent += 1
    if TALLY.sent == max_requests():
        TALLY.cap_reached = True
        # From a greenlet of its own: quitting from this user's greenlet would kill the user in
        # the middle of its task (a PATCH answered but not yet counted).
        gevent.spawn(RUNNER[0].quit)


@events.test_stop.add_listener
def write_outcome(environment, **_kwargs):
    TALLY.cpu_after = {name: cpu_ticks(pid) for name, pid in stack_pids().items()}
    outcome = {
        "baseUrl": environment.host.rstrip("/"),
        "requestCap": max_requests(),
        "capReached": TALLY.cap_reached,
        "seconds": (TALLY.last_end - TALLY.first_start) if TALLY.first_start else 0.0,
        "kinds": {
            name: {
                "statuses": dict(TALLY.statuses[name]),
                "failures": TALLY.failures[name],
                "timesMs": TALLY.times_ms[name],
            }
            for name in TALLY.times_ms
        },
        "replaysMatching": TALLY.replays_matching,
        "cpuTicks": {
            name: {"before": TALLY.cpu_before.get(name), "after": ticks} for name, ticks in TALLY.cpu_after.items()
        },
        "clockTicksPerSecond": os.sysconf("SC_CLK_TCK"),
        "companies": [
            {
                "id": company.id,
                "name": company.name,
                "token": company.token,
                "contracts": {contract: company.patches_ok[contract] for contract in company.contract_ids},
                "patchTags": {contract: company.patch_tags[contract] for contract in company.contract_ids},
            }
            for company in COMPANIES
        ],
    }
    with open(os.environ["MYPAGES_LOAD_OUTCOME"], "w", encoding="utf-8") as out:
        json.dump(outcome, out)


class CompanyClient(HttpUser):
    """One client of one company (the users are dealt round the companies in turn), signed in
    as its admin, who may do everything the mix needs (audit reads too)."""

    wait_time = between(0.05, 0.25)

    def on_start(self):
        self.company = COMPANIES[next(USER_NUMBERS) % len(COMPANIES)]

    def call(self, method, path, name, expected, body=None, headers=None):
        """One request; an answer outside `expected` is a failure in locust's statistics too."""
        with self.client.request(
            method,
            path,
            name=name,
            json=body,
            headers=self.company.headers(**(headers or {})),
            timeout=REQUEST_TIMEOUT_S,
            catch_response=True,
        ) as answer:
            if answer.status_code in expected:
                answer.success()
            else:
                answer.failure(f"{answer.status_code}: {answer.text[:200]}")
            return answer

    def some_contract(self):
        return random.choice(self.company.contract_ids)

    @task(4)
    def list_contracts(self):
        self.call("GET", "/contracts?limit=50", "GET /contracts", (200,))

    @task(4)
    def get_contract(self):
        self.call("GET", f"/contracts/{self.some_contract()}", "GET /contracts/{id}", (200,))

    @task(2)
    def read_schedule(self):
        self.call("GET", f"/contracts/{self.some_contract()}/schedule", "GET /contracts/{id}/schedule", (200,))

    @task(2)
    def create_contract(self):
        key = str(uuid.uuid4())
        body = new_contract_body()
        created = self.call("POST", "/contracts", "POST /contracts", (201,), body, {"idempotency-key": key})
        if created.status_code != 201:
            return
        contract_id = created.json()["id"]
        self.company.contract_ids.append(contract_id)
        # One create in ten is sent again with the same key and body, as a client retries after
        # a lost answer: the API must answer the first response and make nothing new.
        if random.random() < 0.1:
            with self.client.post(
                "/contracts",
                name="POST /contracts (idempotent replay)",
                json=body,
                headers=self.company.headers(**{"idempotency-key": key}),
                timeout=REQUEST_TIMEOUT_S,
                catch_response=True,
            ) as replay:
                if replay.status_code == 201 and replay.json().get("id") == contract_id:
                    TALLY.replays_matching += 1
                    replay.success()
                else:
                    replay.failure(f"replay answered {replay.status_code}, not the first answer: {replay.text[:200]}")

    @task(3)
    def patch_contract(self):
        """Read the contract, then PATCH it with If-Match on the version read. Another client
        of the company may have changed it in between: then 412, and nothing is written."""
        contract_id = self.some_contract()
        current = self.call("GET", f"/contracts/{contract_id}", "GET /contracts/{id}", (200,))
        if current.status_code != 200:
            return
        contract = current.json()
        etag = current.headers.get("etag") or f'"{contract["version"]}"'
        latest = max(datetime.date.fromisoformat(v["effectiveFrom"]) for v in contract["versions"])
        effective_from = next_month_start(latest)
        if effective_from > datetime.date.fromisoformat(contract["endDate"]):
            return
        change = {
            "payment": {"amount": f"{random.randint(4000, 6000)}.00"},
            "effectiveFrom": effective_from.isoformat(),
            "reason": "load test: payment change",
        }
        answer = self.call(
            "PATCH",
            f"/contracts/{contract_id}",
            "PATCH /contracts/{id}",
            (200, *CONFLICT_STATUSES),
            change,
            {"if-match": etag, "idempotency-key": str(uuid.uuid4())},
        )
        if answer.status_code == 200:
            self.company.patches_ok[contract_id] += 1
            self.company.patch_tags[contract_id].append([etag, answer.headers.get("etag")])

    @task(1)
    def list_reports(self):
        self.call("GET", "/reports", "GET /reports", (200,))

    @task(1)
    def read_audit(self):
        self.call("GET", "/audit?limit=50", "GET /audit", (200,))

    @task(1)
    def verify_audit(self):
        self.call("GET", "/audit/verify", "GET /audit/verify", (200,))
