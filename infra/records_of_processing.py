#!/usr/bin/env python3
"""README "Retention", "Records of processing (GDPR Art. 30)" and "Sub-processors", generated from
template.yaml and infra/ocr-staging.yaml, and the checks that retention is configuration.

What the templates say (encryption keys, lifecycle rules, TTL attributes, point-in-time recovery,
the backup plan, log retention, Object Lock, regions) is read from them; what they cannot say (the
purpose of a store, whose data it holds) is the CATALOGUE below. A data store in a template without
a catalogue entry fails the check, so a new bucket or table cannot slip past the record.

Retention checks, one message per failure:
- every parameter whose name has "Retention" or "Grace" in it is one of RETENTION (else: describe
  it there), is used where RETENTION says (a lifecycle rule, an environment variable), and its
  default equals the documented one (RETENTION) and the code's default
  (shared/src/domain/retention.rs, DEFAULT_<NAME>, where the code has one);
- every parameter of RETENTION that a template defines is in the README table (generated).

Usage:
  records_of_processing.py            check README.md against the templates (exit 1 on a difference)
  records_of_processing.py --write    rewrite README.md's generated blocks
"""

import re
import sys
from pathlib import Path

from cfnlint.decode import decode

ROOT = Path(__file__).resolve().parent.parent
MAIN = ROOT / "template.yaml"
STAGING = ROOT / "infra" / "ocr-staging.yaml"
README = ROOT / "README.md"
RETENTION_RS = ROOT / "shared" / "src" / "domain" / "retention.rs"

MAIN_REGION = "eu-north-1"

# Retention parameters: (template, default, unit, what it bounds, where it must be used).
# A use is ("env", VARIABLE) for an environment variable set from the parameter (Globals or a
# function), or ("lifecycle", BUCKET, FIELD) for a lifecycle rule field of a bucket.
RETENTION = {
    "IdempotencyRetentionHours": (
        MAIN, 24, "hours",
        "a stored first response to an `Idempotency-Key` (DataTable TTL `expireAt`)",
        [("env", "IDEMPOTENCY_RETENTION_HOURS")],
    ),
    "ExportRetentionDays": (
        MAIN, 7, "days",
        "a company export's zip in the exports bucket (the expired version goes a day later)",
        [("lifecycle", "ExportsBucket", "ExpirationInDays")],
    ),
    "ReportRetentionDays": (
        MAIN, 90, "days",
        "a report's file in the reports bucket; then the download answers 410",
        [("lifecycle", "ReportsBucket", "ExpirationInDays"), ("env", "REPORT_RETENTION_DAYS")],
    ),
    "StagingRetentionDays": (
        STAGING, 1, "days",
        "a document's copy in Textract's region that the OCR pipeline could not delete",
        [("lifecycle", "StagingBucket", "ExpirationInDays")],
    ),
    "ErasureGraceDays": (
        MAIN, 30, "days",
        "the time between a company's erasure request and the erasure (it can be cancelled)",
        [("env", "ERASURE_GRACE_DAYS")],
    ),
    "AuditArchiveRetentionYears": (
        MAIN, 7, "years",
        "the audit archive's records and checkpoints (Object Lock, compliance mode)",
        [("objectlock", "AuditArchiveBucket")],
    ),
}

# What the templates cannot say. Keys are logical ids; "Logs" and "Queues" stand for every log
# group and every queue.
CATALOGUE = {
    "DataTable": dict(
        purpose="Contracts and their versions, schedules, settings, users, documents' records, "
        "reports' records, idempotency records, erasure and export records",
        data="Company data; users' e-mail, name, roles and locale (admins, editors, viewers, "
        "auditors of the customer)",
        kept="While the company exists; erased with it",
        ttl="idempotency records after {IdempotencyRetentionHours}, a deleted document's "
        "tombstone after a day",
    ),
    "AuditTable": dict(
        purpose="The hash-chained audit log of every change and read of sensitive data",
        data="Pseudonymous user ids (`sub`), operators' IAM ARNs, actions, reasons; no e-mail",
        kept="While the company exists; erased with it (the archive keeps the records)",
        ttl="refused-login counters after their window",
    ),
    "RatesTable": dict(
        purpose="Public interest and FX rates",
        data="No personal data",
        kept="Indefinitely (public market data)",
    ),
    "UserPool": dict(
        purpose="Sign-in: accounts, passwords, second factors, federated identities",
        data="Users' e-mail, name, password hash, TOTP secret, locale",
        kept="While the user or the company exists",
        encryption="Cognito (AWS-managed key)",
    ),
    "DocumentsBucket": dict(
        purpose="Signed contracts uploaded by users, and their OCR results",
        data="Company documents, which may name people (signatories, contacts)",
        kept="While the company exists (no expiry); erased with it or by a user's delete",
    ),
    "ReportsBucket": dict(
        purpose="Report files (accounting extracts)",
        data="Company figures; no personal data beyond what contracts name",
        kept="At most its expiry",
    ),
    "ExportsBucket": dict(
        purpose="Company exports (zip) for the customer to download",
        data="Everything of the company, users (without secrets) included",
        kept="At most its expiry",
    ),
    "AuditArchiveBucket": dict(
        purpose="The audit archive: records and signed checkpoints, erasure certificates",
        data="Pseudonymous user ids (`sub`), operators' IAM ARNs; no e-mail",
        kept="Kept after a company's erasure (pseudonymous; README \"Retention\" says why)",
    ),
    "BackupVault": dict(
        purpose="Backups of the tables (AWS Backup)",
        data="Copies of the DataTable, AuditTable and RatesTable",
        kept="An erased company's data goes when its last recovery point expires",
    ),
    "StagingBucket": dict(
        purpose="A document's copy while Textract reads it (Textract reads only its own region)",
        data="Company documents",
        kept="Deleted by the OCR pipeline once read, else by the expiry",
    ),
    "Logs": dict(
        purpose="Function and API access logs (operations, troubleshooting, security)",
        data="Request ids, user ids (`sub`), company ids, IP addresses (access log); never "
        "e-mail addresses or document contents",
        kept="The log groups' retention",
    ),
    "Queues": dict(
        purpose="Work in transit (uploads to OCR, reports, exports, failed deliveries)",
        data="Ids and keys only",
        kept="Until processed, at most the queues' message retention",
    ),
}

STORE_TYPES = {
    "AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::Cognito::UserPool", "AWS::Backup::BackupVault",
}


def load(path):
    template, matches = decode(str(path))
    if matches:
        sys.exit(f"{path} does not parse: {matches}")
    return template


def ref_name(value):
    """The parameter or resource a value names (Ref or GetAtt), else None."""
    if isinstance(value, dict):
        if "Ref" in value:
            return value["Ref"]
        if "Fn::GetAtt" in value:
            target = value["Fn::GetAtt"]
            return target[0] if isinstance(target, list) else str(target).split(".")[0]
    return None


def parameter_default(template, name):
    return template.get("Parameters", {}).get(name, {}).get("Default")


def amount(number, unit):
    """`1 day`, `90 days`: the unit in the plural form, singular for one."""
    if not unit:
        return f"{number}"
    return f"{number} {unit[:-1] if str(number) == '1' and unit.endswith('s') else unit}"


def shown(template, value, unit=""):
    """A template value for the README: a parameter as `Name` (default N unit)."""
    name = ref_name(value)
    if name and name in template.get("Parameters", {}):
        return f"`{name}` (default {amount(parameter_default(template, name), unit)})"
    return amount(value, unit)


def key_name(template, value):
    name = ref_name(value)
    if name:
        return f"KMS `{name}`"
    return "KMS"


def region_of(path, template):
    if path == STAGING:
        main = load(MAIN)
        return shown(main, {"Ref": "TextractRegion"})
    return MAIN_REGION


def encryption(template, resource):
    kind, props = resource["Type"], resource.get("Properties", {})
    if kind == "AWS::DynamoDB::Table":
        return key_name(template, props.get("SSESpecification", {}).get("KMSMasterKeyId"))
    if kind == "AWS::S3::Bucket":
        rules = props.get("BucketEncryption", {}).get("ServerSideEncryptionConfiguration", [])
        for rule in rules:
            default = rule.get("ServerSideEncryptionByDefault", {})
            return key_name(template, default.get("KMSMasterKeyID"))
        return "S3-managed"
    if kind == "AWS::Backup::BackupVault":
        return key_name(template, props.get("EncryptionKeyArn"))
    return ""


def lifecycle(template, props):
    parts = []
    for rule in props.get("LifecycleConfiguration", {}).get("Rules", []):
        if "ExpirationInDays" in rule:
            parts.append(f"objects expire after {shown(template, rule['ExpirationInDays'], 'days')}")
        noncurrent = rule.get("NoncurrentVersionExpiration", {}).get("NoncurrentDays")
        if noncurrent is not None:
            parts.append(f"replaced versions after {shown(template, noncurrent, 'days')}")
    lock = props.get("ObjectLockConfiguration", {}).get("Rule", {}).get("DefaultRetention")
    if lock:
        amount = lock.get("Years", lock.get("Days"))
        unit = "years" if "Years" in lock else "days"
        parts.append(f"Object Lock {lock.get('Mode', '').lower()} {shown(template, amount, unit)}")
    return parts


def backup(template):
    plan = template["Resources"].get("BackupPlan", {}).get("Properties", {}).get("BackupPlan", {})
    rules = plan.get("BackupPlanRule", [])
    if not rules:
        return None, []
    rule = rules[0]
    days = rule.get("Lifecycle", {}).get("DeleteAfterDays")
    copies = [shown(template, {"Ref": "BackupCopyRegion"})] if rule.get("CopyActions") else []
    return days, copies


def backed_up(template):
    selection = template["Resources"].get("BackupSelection", {}).get("Properties", {})
    return {ref_name(r) for r in selection.get("BackupSelection", {}).get("Resources", [])}


def table_retention(template, name, props):
    parts = []
    ttl = props.get("TimeToLiveSpecification", {})
    if ttl.get("Enabled"):
        what = CATALOGUE[name].get("ttl")
        if not what:
            sys.exit(f"{name} has a TTL: say in CATALOGUE (ttl=...) which items expire")
        what = re.sub(r"\{(\w+)\}", lambda m: shown(template, {"Ref": m.group(1)}, "hours"), what)
        parts.append(f"TTL `{ttl.get('AttributeName')}` removes {what}")
    if props.get("PointInTimeRecoverySpecification", {}).get("PointInTimeRecoveryEnabled"):
        parts.append("point-in-time recovery 35 days")
    if name in backed_up(template):
        days, copies = backup(template)
        copy = f", a copy in {', '.join(copies)}" if copies else ""
        parts.append(f"AWS Backup {days} days{copy}")
    return parts


def rows():
    out = []
    main = load(MAIN)
    for path in (MAIN, STAGING):
        template = main if path == MAIN else load(path)
        for name, resource in template["Resources"].items():
            if resource.get("Type") not in STORE_TYPES:
                continue
            if name not in CATALOGUE:
                sys.exit(f"{path.name}: {name} ({resource['Type']}) has no entry in "
                         "infra/records_of_processing.py CATALOGUE: say its purpose and data")
            entry = CATALOGUE[name]
            props = resource.get("Properties", {})
            kind = resource["Type"]
            details = []
            if kind == "AWS::DynamoDB::Table":
                details = table_retention(main, name, props)
            elif kind == "AWS::S3::Bucket":
                details = lifecycle(template, props)
            elif kind == "AWS::Backup::BackupVault":
                days, copies = backup(template)
                details = [f"recovery points deleted after {days} days"]
                if copies:
                    details.append(f"copied to {', '.join(copies)} (same retention)")
            retention = entry["kept"] + ("; " + "; ".join(details) if details else "")
            out.append((f"`{name}` ({kind.split('::')[1]})", entry["purpose"], entry["data"],
                        entry.get("encryption") or encryption(template, resource), retention,
                        region_of(path, template)))
    # Every log group and queue of the main stack, as one row each.
    logs = [r for r in main["Resources"].values() if r.get("Type") == "AWS::Logs::LogGroup"]
    days = sorted({r["Properties"].get("RetentionInDays") for r in logs}, key=str)
    keys = sorted({key_name(main, r["Properties"].get("KmsKeyId")) for r in logs})
    out.append((f"CloudWatch Logs ({len(logs)} log groups)", CATALOGUE["Logs"]["purpose"],
                CATALOGUE["Logs"]["data"], ", ".join(keys),
                f"{CATALOGUE['Logs']['kept']}: {', '.join(str(d) for d in days)} days", MAIN_REGION))
    queues = [r for r in main["Resources"].values() if r.get("Type") == "AWS::SQS::Queue"]
    seconds = sorted({int(r["Properties"].get("MessageRetentionPeriod", 345600)) for r in queues})
    keys = sorted({key_name(main, r["Properties"].get("KmsMasterKeyId")) for r in queues})
    out.append((f"SQS ({len(queues)} queues)", CATALOGUE["Queues"]["purpose"],
                CATALOGUE["Queues"]["data"], ", ".join(keys),
                f"{CATALOGUE['Queues']['kept']}: "
                + ", ".join(f"{s // 86400} days" for s in seconds), MAIN_REGION))
    return out


def table(header, body):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in body]
    return "\n".join(lines)


def records_block():
    return table(["Store", "Purpose", "Data (categories, subjects)", "Encryption", "Retention",
                  "Region"], rows())


def retention_block():
    body = []
    for name, (path, default, unit, bounds, _) in RETENTION.items():
        template = load(path)
        if name not in template.get("Parameters", {}):
            continue
        body.append((f"`{name}`", amount(default, unit), bounds,
                     "template.yaml" if path == MAIN else "infra/ocr-staging.yaml"))
    body.append(("(none)", "while the company exists",
                 "a company's contracts, documents, settings and users: no expiry; "
                 "erased with the company (`POST /company/erasure`)", ""))
    return table(["Parameter", "Default", "What it bounds", "Template"], body)


def subprocessors_block():
    main = load(MAIN)
    textract = shown(main, {"Ref": "TextractRegion"})
    copy = shown(main, {"Ref": "BackupCopyRegion"})
    body = [
        ("Amazon Web Services EMEA SARL", MAIN_REGION,
         "Hosting of every store and function above (Lambda, API Gateway, DynamoDB, S3, Cognito, "
         "KMS, SQS, SNS, SES, CloudWatch, AWS Backup)"),
        ("Amazon Web Services EMEA SARL", f"{textract}",
         "Amazon Textract (OCR of uploaded documents; none in eu-north-1) and its staging bucket"),
        ("Amazon Web Services EMEA SARL", f"{copy}",
         "The second copy of the table backups (AWS Backup copy job)"),
    ]
    return table(["Sub-processor", "Region", "Processing"], body)


BLOCKS = {
    "retention": retention_block,
    "records-of-processing": records_block,
    "sub-processors": subprocessors_block,
}


def begin(name):
    return f"<!-- generated: {name} (infra/records_of_processing.py --write) -->"


def end(name):
    return f"<!-- end generated: {name} -->"


def generated_readme(text):
    for name, make in BLOCKS.items():
        pattern = re.compile(re.escape(begin(name)) + r"\n(?:.*?\n)?" + re.escape(end(name)), re.S)
        if not pattern.search(text):
            sys.exit(f"README.md has no block {begin(name)} ... {end(name)}")
        block = f"{begin(name)}\n{make()}\n{end(name)}"
        text = pattern.sub(lambda _: block, text)
    return text


def uses(template, value):
    """Every (path, leaf value) pair under value."""
    if isinstance(value, dict):
        for key, inner in value.items():
            for path, leaf in uses(template, inner):
                yield [key] + path, leaf
    elif isinstance(value, list):
        for inner in value:
            yield from uses(template, inner)
    else:
        yield [], value


def env_uses(template, parameter):
    """The environment variables set from the parameter (Globals and functions)."""
    found = set()
    sections = [template.get("Globals", {}).get("Function", {})]
    sections += [r.get("Properties", {}) for r in template["Resources"].values()
                 if r.get("Type") == "AWS::Serverless::Function"]
    for props in sections:
        for variable, value in props.get("Environment", {}).get("Variables", {}).items():
            if ref_name(value) == parameter:
                found.add(variable)
    return found


def lifecycle_uses(template, parameter, bucket):
    props = template["Resources"].get(bucket, {}).get("Properties", {})
    found = set()
    for rule in props.get("LifecycleConfiguration", {}).get("Rules", []):
        if ref_name(rule.get("ExpirationInDays")) == parameter:
            found.add("ExpirationInDays")
        if ref_name(rule.get("NoncurrentVersionExpiration", {}).get("NoncurrentDays")) == parameter:
            found.add("NoncurrentDays")
    return found


def code_defaults():
    if not RETENTION_RS.exists():
        return {}
    text = RETENTION_RS.read_text()
    return {m.group(1): int(m.group(2))
            for m in re.finditer(r"pub const DEFAULT_([A-Z_]+): \w+ = (\d+);", text)}


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()


def retention_failures():
    failures = []
    defaults = code_defaults()
    for path in (MAIN, STAGING):
        template = load(path)
        for name, parameter in template.get("Parameters", {}).items():
            if not re.search("Retention|Grace", name):
                continue
            if name not in RETENTION:
                failures.append(f"{path.name}: parameter {name} is not in RETENTION "
                                "(infra/records_of_processing.py): document it there")
                continue
            where, default, _, _, needed = RETENTION[name]
            if where != path:
                failures.append(f"{name} is defined in {path.name}, documented for {where.name}")
            if parameter.get("Default") != default:
                failures.append(f"{name}: default {parameter.get('Default')} in {path.name}, "
                                f"{default} documented")
            code = defaults.get(snake(name))
            if code is not None and code != default:
                failures.append(f"{name}: default {default} documented, DEFAULT_{snake(name)} = "
                                f"{code} in shared/src/domain/retention.rs")
            for use in needed:
                if use[0] == "env" and use[1] not in env_uses(template, name):
                    failures.append(f"{name}: no environment variable {use[1]} set from it")
                if use[0] == "lifecycle" and use[2] not in lifecycle_uses(template, name, use[1]):
                    failures.append(f"{name}: {use[1]}'s lifecycle {use[2]} does not use it")
                if use[0] == "objectlock":
                    lock = (template["Resources"].get(use[1], {}).get("Properties", {})
                            .get("ObjectLockConfiguration", {}).get("Rule", {})
                            .get("DefaultRetention", {}))
                    if not any(ref_name(v) == name for v in lock.values()):
                        failures.append(f"{name}: {use[1]}'s Object Lock does not use it")
    # No lifecycle expiry or TTL-like number written as a literal where a parameter exists.
    for path, bucket_rules in ((MAIN, load(MAIN)), (STAGING, load(STAGING))):
        for bucket, resource in bucket_rules["Resources"].items():
            if resource.get("Type") != "AWS::S3::Bucket":
                continue
            for rule in resource.get("Properties", {}).get("LifecycleConfiguration", {}).get("Rules", []):
                value = rule.get("ExpirationInDays")
                if value is not None and ref_name(value) is None:
                    failures.append(f"{path.name}: {bucket}'s ExpirationInDays {value} is a literal; "
                                    "make it a retention parameter")
    return failures


def main():
    failures = retention_failures()
    text = README.read_text()
    wanted = generated_readme(text)
    if "--write" in sys.argv[1:]:
        README.write_text(wanted)
    elif wanted != text:
        failures.append("README.md's generated blocks differ from the templates: run "
                        "infra/records_of_processing.py --write")
    if failures:
        sys.exit("\n".join(failures))
    print("retention parameters, records of processing and sub-processors match the templates")


if __name__ == "__main__":
    main()
