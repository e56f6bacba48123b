"""Times refused logins against a running local stack: a known user with a wrong password
against unknown e-mail addresses, alternating, N tries each. Prints the medians and their
difference (issue 6, A1: the answer's timing must not tell which addresses have accounts).

Usage: bench_login_timing.py BASE_URL KNOWN_EMAIL [TRIES]
"""

import json
import statistics
import sys
import time
import urllib.error
import urllib.request
import uuid


def refused_login_ms(base_url: str, email: str) -> float:
    body = json.dumps({"email": email, "password": "Wrong-Passw0rd!x"}).encode()
    request = urllib.request.Request(
        f"{base_url}/auth/login", data=body, headers={"content-type": "application/json"}
    )
    started = time.perf_counter()
    try:
        urllib.request.urlopen(request, timeout=30).read()
        raise SystemExit(f"login of {email} with a wrong password succeeded")
    except urllib.error.HTTPError as error:
        error.read()
        if error.code != 401:
            raise SystemExit(f"expected 401 for {email}, got {error.code}")
    return (time.perf_counter() - started) * 1000


def main() -> None:
    base_url, known = sys.argv[1], sys.argv[2]
    tries = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    known_ms, unknown_ms = [], []
    for _ in range(tries):
        known_ms.append(refused_login_ms(base_url, known))
        unknown_ms.append(refused_login_ms(base_url, f"nobody-{uuid.uuid4().hex[:12]}@nowhere.example"))
    known_median, unknown_median = statistics.median(known_ms), statistics.median(unknown_ms)
    print(f"tries each: {tries}")
    print(f"known user, wrong password: median {known_median:.1f} ms (p10 {statistics.quantiles(known_ms, n=10)[0]:.1f}, p90 {statistics.quantiles(known_ms, n=10)[-1]:.1f})")
    print(f"unknown user:               median {unknown_median:.1f} ms (p10 {statistics.quantiles(unknown_ms, n=10)[0]:.1f}, p90 {statistics.quantiles(unknown_ms, n=10)[-1]:.1f})")
    print(f"median difference (known - unknown): {known_median - unknown_median:+.1f} ms")


if __name__ == "__main__":
    main()
