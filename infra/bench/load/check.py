"""The checks after the load (infra/bench-load.sh), on the outcome the locustfile wrote:

(a) no answer was a 5xx, and no other answer was outside what each request expects;
(b) no lost update: every contract's version is 1 + the PATCHes answered 200 for it, no two
    PATCHes answered 200 for one If-Match, each answered the version after the one it named, and
    each company lists exactly the contracts its clients made (an idempotent replay made nothing);
(c) every company's audit chains are valid through the API (GET /audit/verify) and in the
    archive (`mypages-cli --local audit verify ID --from-archive`, exit code 0), once the
    archive holds every record the chains' heads name.

Prints the table of requests, latency and CPU per request; exits 1 when a check fails.

Usage: check.py OUTCOME_JSON MYPAGES_CLI
"""

import json
import subprocess
import sys
import time

import requests

REQUEST_TIMEOUT_S = 60
# The archive is fed by the audit table's stream about once a second; after the load it may be
# a little behind the chains' heads.
ARCHIVE_CATCH_UP_S = 180


def percentile(sorted_values, share):
    """Nearest-rank percentile (no interpolation): a time some request really took."""
    if not sorted_values:
        return 0.0
    rank = max(1, round(share * len(sorted_values) + 0.5 - 1e-9))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def expected_statuses(kind):
    if kind.startswith("POST"):
        return {201}
    if kind.startswith("PATCH"):
        return {200, 409, 412}
    return {200}


def print_table(outcome):
    seconds = outcome["seconds"] or 1.0
    print(f"\n{'request kind':<38} {'requests':>8} {'failures':>8} {'5xx':>5} {'412/409':>7} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8}")
    all_times, totals = [], {"requests": 0, "failures": 0, "5xx": 0, "conflicts": 0}
    for kind, data in sorted(outcome["kinds"].items()):
        statuses = {int(code): count for code, count in data["statuses"].items()}
        requests_made = sum(statuses.values())
        server_errors = sum(count for code, count in statuses.items() if code >= 500)
        conflicts = sum(statuses.get(code, 0) for code in (409, 412)) if kind.startswith("PATCH") else 0
        times = sorted(data["timesMs"])
        all_times.extend(times)
        totals["requests"] += requests_made
        totals["failures"] += data["failures"]
        totals["5xx"] += server_errors
        totals["conflicts"] += conflicts
        print(
            f"{kind:<38} {requests_made:>8} {data['failures']:>8} {server_errors:>5} {conflicts:>7} "
            f"{requests_made / seconds:>7.1f} {percentile(times, 0.5):>8.0f} {percentile(times, 0.99):>8.0f}"
        )
    all_times.sort()
    print(
        f"{'total':<38} {totals['requests']:>8} {totals['failures']:>8} {totals['5xx']:>5} {totals['conflicts']:>7} "
        f"{totals['requests'] / seconds:>7.1f} {percentile(all_times, 0.5):>8.0f} {percentile(all_times, 0.99):>8.0f}"
    )
    print(
        f"\n{totals['requests']} requests in {seconds:.1f} s (cap {outcome['requestCap']}, "
        f"{'reached' if outcome['capReached'] else 'not reached'}); "
        f"{outcome['replaysMatching']} idempotent replays answered with the first response"
    )
    ticks = outcome["clockTicksPerSecond"]
    for name, cpu in sorted(outcome["cpuTicks"].items()):
        if cpu["before"] is None:
            continue
        used = (cpu["after"] - cpu["before"]) / ticks
        per_request = used / totals["requests"] * 1000 if totals["requests"] else 0.0
        print(f"CPU {name:<14} {used:7.1f} s  = {per_request:6.2f} ms per request")
    return totals


def unexpected_answers(outcome):
    """Answers outside each kind's expected statuses (0 = no answer at all), 5xx apart."""
    server_errors, others = {}, {}
    for kind, data in outcome["kinds"].items():
        for code, count in data["statuses"].items():
            code = int(code)
            if code >= 500:
                server_errors[f"{kind} {code}"] = count
            elif code not in expected_statuses(kind):
                others[f"{kind} {code}"] = count
    return server_errors, others


def get_json(base_url, path, token):
    answer = requests.get(
        f"{base_url}{path}",
        headers={"authorization": f"Bearer {token}", "accept-language": "en"},
        timeout=REQUEST_TIMEOUT_S,
    )
    answer.raise_for_status()
    return answer.json()


def listed_contract_ids(base_url, token):
    ids, cursor = [], None
    while True:
        path = "/contracts?limit=200" + (f"&cursor={requests.utils.quote(cursor)}" if cursor else "")
        page = get_json(base_url, path, token)
        ids.extend(item["id"] for item in page["items"])
        cursor = page.get("nextCursor")
        if not cursor:
            return ids


def tag_version(tag):
    """The version an ETag names (`"3"`), or None."""
    try:
        return int(str(tag).strip('"'))
    except ValueError:
        return None


def lost_updates(base_url, company):
    """Problems of one company: a version other than 1 + PATCHes answered 200; two PATCHes
    answered 200 for the same If-Match (the second must have been a 412, or it overwrote the
    first unseen, even if the version counter still adds up); a PATCH whose answer is not the
    version after the one it was sent for; or a list that does not hold exactly the contracts
    made."""
    problems, token = [], company["token"]
    for contract_id, patches_ok in company["contracts"].items():
        version = get_json(base_url, f"/contracts/{contract_id}", token)["version"]
        if version != 1 + patches_ok:
            problems.append(f"contract {contract_id}: version {version}, but {patches_ok} PATCHes answered 200")
        tags = company.get("patchTags", {}).get(contract_id, [])
        sent = [tag_version(if_match) for if_match, _ in tags]
        if len(set(sent)) != len(sent):
            problems.append(f"contract {contract_id}: two PATCHes answered 200 for one If-Match ({sorted(sent)})")
        for if_match, answered in tags:
            if tag_version(if_match) is None or tag_version(answered) != tag_version(if_match) + 1:
                problems.append(f"contract {contract_id}: PATCH with If-Match {if_match} answered ETag {answered}")
    listed = sorted(listed_contract_ids(base_url, token))
    made = sorted(company["contracts"])
    if listed != made:
        problems.append(f"lists {len(listed)} contracts, the clients made {len(made)}")
    return problems


def archive_verdict(cli, company_id, records_expected):
    """The CLI's verdict on the company's archive once it holds `records_expected` records
    (polled while the stream catches up); (exit code, verdict JSON or None, output)."""
    deadline = time.monotonic() + ARCHIVE_CATCH_UP_S
    while True:
        run = subprocess.run(
            [cli, "--local", "--json", "audit", "verify", company_id, "--from-archive"],
            capture_output=True,
            text=True,
            check=False,
        )
        try:
            verdict = json.loads(run.stdout)
        except json.JSONDecodeError:
            verdict = None
        caught_up = verdict is not None and verdict.get("records", 0) >= records_expected
        # An INVALID verdict (exit 1) is final at once: an intact archive must read VALID
        # while it is still growing, too (the CLI lists checkpoints before records for that).
        if caught_up or run.returncode == 1 or time.monotonic() > deadline:
            return run.returncode, verdict, run.stdout + run.stderr
        time.sleep(2)


def main():
    outcome_path, cli = sys.argv[1], sys.argv[2]
    with open(outcome_path, encoding="utf-8") as file:
        outcome = json.load(file)
    base_url = outcome["baseUrl"]
    totals = print_table(outcome)
    failed = []

    server_errors, others = unexpected_answers(outcome)
    print(f"\n(a) 5xx answers: {sum(server_errors.values())} {server_errors or ''}")
    print(f"    other unexpected answers (0 = none at all): {sum(others.values())} {others or ''}")
    if server_errors:
        failed.append("5xx answers")
    if others or totals["failures"] != sum(others.values()) + sum(server_errors.values()):
        failed.append("unexpected answers")

    contracts = sum(len(company["contracts"]) for company in outcome["companies"])
    patched = sum(sum(company["contracts"].values()) for company in outcome["companies"])
    problems = [problem for company in outcome["companies"] for problem in lost_updates(base_url, company)]
    print(f"(b) lost updates: {len(problems)} problems over {contracts} contracts and {patched} PATCHes answered 200")
    for problem in problems:
        print(f"    {problem}")
    if problems:
        failed.append("lost updates")

    invalid_api, invalid_archive = [], []
    for company in outcome["companies"]:
        report = get_json(base_url, "/audit/verify", company["token"])
        if not report["valid"]:
            invalid_api.append(f"{company['name']}: {report}")
        records_expected = sum(chain["headSeq"] for chain in report["chains"])
        code, verdict, output = archive_verdict(cli, company["id"], records_expected)
        caught_up = verdict is not None and verdict.get("records", 0) >= records_expected
        if code != 0 or not caught_up:
            invalid_archive.append(f"{company['name']}: exit {code}, {records_expected} records expected\n{output}")
    print(f"(c) audit chains: {len(outcome['companies']) - len(invalid_api)}/{len(outcome['companies'])} valid through GET /audit/verify, "
          f"{len(outcome['companies']) - len(invalid_archive)}/{len(outcome['companies'])} valid and complete in the archive (mypages-cli)")
    for problem in invalid_api + invalid_archive:
        print(f"    {problem}")
    if invalid_api or invalid_archive:
        failed.append("audit chains")

    if failed:
        print(f"\nload test FAILED: {', '.join(failed)}")
        sys.exit(1)
    print("\nload test passed: no 5xx, no lost update, every chain valid")


if __name__ == "__main__":
    main()
