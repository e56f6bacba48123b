#!/usr/bin/env python3
"""Checks template.yaml for what neither cfn-lint nor sam validate sees, and what AWS enforces but
the local stack cannot show (WAF, Cognito, backups, keys, who may read which secret).

1. Translates the SAM template to CloudFormation and runs cfn-lint on the result: cfn-lint on the
   SAM source misses, for one, a dependency cycle between a user pool and its trigger function.
2. Asserts the stack's security properties, one message per broken property.

Usage: check_template.py TEMPLATE CFN_LINT. Exits 1 naming each failure.
"""

import json
import logging
import os
import subprocess
import sys
import tempfile

from cfnlint.decode import decode
from samtranslator.translator.transform import transform


class NoManagedPolicies:
    """The translation needs managed policy ARNs only for policy templates, which we do not use."""

    def load(self):
        return {}


def translated(template):
    doc = json.loads(json.dumps(template, default=str))
    for resource in doc["Resources"].values():
        if resource.get("Type") == "AWS::Serverless::Function":
            # The translation wants a deployed artifact; the code location is not checked here.
            resource["Properties"]["CodeUri"] = "s3://bucket/key"
    return transform(doc, {}, NoManagedPolicies())


def statements(function):
    for policy in function["Properties"].get("Policies", []):
        if isinstance(policy, dict):
            yield from policy.get("Statement", [])


def actions(function):
    found = set()
    for statement in statements(function):
        if statement.get("Effect") == "Allow":
            listed = statement["Action"]
            found.update([listed] if isinstance(listed, str) else listed)
    return found


def main():
    # The translator logs its feature toggles at INFO/WARNING; only the verdict matters here.
    logging.disable(logging.WARNING)
    path, cfn_lint = sys.argv[1], sys.argv[2]
    template, matches = decode(path)
    if matches:
        sys.exit(f"{path} does not parse: {matches}")
    failures = []

    def check(condition, message):
        if not condition:
            failures.append(message)

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "translated.json")
        with open(out, "w") as f:
            json.dump(translated(template), f)
        lint = subprocess.run([cfn_lint, out], capture_output=True, text=True)
        check(lint.returncode == 0, f"cfn-lint of the translated template:\n{lint.stdout}{lint.stderr}")

    res = template["Resources"]
    props = {name: r.get("Properties", {}) for name, r in res.items()}
    functions = {n: r for n, r in res.items() if r["Type"] == "AWS::Serverless::Function"}

    # WAF (issue 6 B6): bodies up to the API's 64 KiB pass; the rate rules answer 429 in JSON.
    rules = {r["Name"]: r for r in props["WebAcl"]["Rules"]}
    common = rules["aws-common-rule-set"]["Statement"]["ManagedRuleGroupStatement"]
    overrides = {o["Name"]: o["ActionToUse"] for o in common.get("RuleActionOverrides", [])}
    check("Count" in overrides.get("SizeRestrictions_BODY", {}),
          "WAF: SizeRestrictions_BODY of the common rule set is not overridden to Count")
    bodies = props["WebAcl"].get("CustomResponseBodies", {})
    for name, rule in rules.items():
        if "RateBasedStatement" in rule["Statement"]:
            response = rule["Action"].get("Block", {}).get("CustomResponse", {})
            key = response.get("CustomResponseBodyKey")
            check(response.get("ResponseCode") == 429 and key in bodies
                  and bodies[key]["ContentType"] == "APPLICATION_JSON"
                  and json.loads(bodies[key]["Content"]).get("status") == 429,
                  f"WAF: rule {name} does not block with 429 and a JSON problem body")

    # Cognito (B7): password length, optional TOTP, threat protection from the parameter,
    # confidential client with explicit token lifetimes.
    pool, client = props["UserPool"], props["UserPoolClient"]
    check(pool["Policies"]["PasswordPolicy"]["MinimumLength"] >= 12, "Cognito: passwords shorter than 12")
    check(pool["MfaConfiguration"] == "OPTIONAL" and pool.get("EnabledMfas") == ["SOFTWARE_TOKEN_MFA"],
          "Cognito: MFA is not OPTIONAL with SOFTWARE_TOKEN_MFA")
    check(pool.get("UserPoolAddOns", {}).get("AdvancedSecurityMode") == {"Ref": "ThreatProtection"},
          "Cognito: threat protection does not follow the ThreatProtection parameter")
    check(client.get("GenerateSecret") is True, "Cognito: the app client has no secret")
    check(client.get("EnableTokenRevocation") is True, "Cognito: token revocation is off")
    check((client.get("IdTokenValidity"), client.get("AccessTokenValidity"), client.get("RefreshTokenValidity"))
          == (60, 60, 30) and client.get("TokenValidityUnits")
          == {"IdToken": "minutes", "AccessToken": "minutes", "RefreshToken": "days"},
          "Cognito: token validity is not ID/access 60 minutes, refresh 30 days")

    # Backups (B9): recovery points cannot be deleted, a copy leaves the region, failures alarm.
    denied = set()
    for statement in props["BackupVault"].get("AccessPolicy", {}).get("Statement", []):
        if statement["Effect"] == "Deny" and statement.get("Principal") == "*":
            denied.update(statement["Action"])
    check({"backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"} <= denied,
          "Backup: the vault does not deny deleting recovery points or changing their lifecycle")
    plan_rules = props["BackupPlan"]["BackupPlan"]["BackupPlanRule"]
    check(all(r.get("CopyActions") for r in plan_rules), "Backup: a plan rule has no copy to a second region")
    check(any(r["Type"] == "AWS::Events::Rule"
              and r["Properties"]["EventPattern"].get("source") == ["aws.backup"]
              and "FAILED" in r["Properties"]["EventPattern"]["detail"]["state"]
              and {"Ref": "AlarmTopic"} in [t["Arn"] for t in r["Properties"]["Targets"]]
              for r in res.values()),
          "Backup: no rule sends failed backup jobs to the alarm topic")

    # Keys (B10): the tenant key serves the tables and backups only.
    data_key = {"Fn::GetAtt": ["DataKey", "Arn"]}
    for statement in props["DataKey"]["KeyPolicy"]["Statement"]:
        if statement["Effect"] == "Allow":
            check("Service" not in statement["Principal"],
                  f"Keys: DataKey's policy lets a service principal use it ({statement.get('Sid')})")
    for name, r in res.items():
        if r["Type"] in ("AWS::Logs::LogGroup", "AWS::SNS::Topic", "AWS::SQS::Queue"):
            used = json.dumps(r["Properties"])
            check("DataKey" not in used, f"Keys: {name} is encrypted with the tenant tables' key")
    check(any(s["Effect"] == "Deny" and "kms:ViaService" in s.get("Condition", {}).get("StringNotEquals", {})
              for s in props["DataKey"]["KeyPolicy"]["Statement"]),
          "Keys: DataKey is usable outside DynamoDB and AWS Backup")

    # Cognito triggers (issue 7): each function the pool's LambdaConfig names may be invoked by
    # Cognito for this pool only (a Lambda permission with the pool as SourceArn).
    def named_function(value):
        if isinstance(value, dict):
            if "Fn::GetAtt" in value:
                return value["Fn::GetAtt"][0] if isinstance(value["Fn::GetAtt"], list) \
                    else value["Fn::GetAtt"].split(".")[0]
            return next((f for v in value.values() for f in [named_function(v)] if f), None)
        return None

    triggers = {f for f in map(named_function, pool.get("LambdaConfig", {}).values()) if f}
    check({"AuthPreSignUpFunction", "AuthPreAuthenticationFunction",
           "AuthPreTokenGenerationFunction"} <= triggers,
          "Cognito: the pool's LambdaConfig lacks the pre-sign-up, pre-authentication or "
          "pre-token-generation trigger")
    for trigger in triggers:
        check(any(r["Type"] == "AWS::Lambda::Permission"
                  and named_function(r["Properties"]["FunctionName"]) == trigger
                  and r["Properties"].get("Principal") == "cognito-idp.amazonaws.com"
                  and r["Properties"].get("SourceArn") == {"Fn::GetAtt": ["UserPool", "Arn"]}
                  for r in res.values()),
              f"Cognito: {trigger} has no invoke permission for cognito-idp limited to the pool")

    # Who gets which variable and which secret (A1-A4): the trigger must not name its pool.
    globals_env = template["Globals"]["Function"]["Environment"]["Variables"]
    check(not {"USER_POOL_ID", "USER_POOL_CLIENT_ID"} & set(globals_env),
          "Env: USER_POOL_ID/USER_POOL_CLIENT_ID in Globals (a Cognito trigger would be a cycle)")
    for name, f in functions.items():
        env = f["Properties"].get("Environment", {}).get("Variables", {})
        api = any(e["Type"] == "Api" for e in f["Properties"].get("Events", {}).values())
        # The erasure runner deletes the company's users from the pool: it names the pool
        # without serving the API (and is no trigger, so no cycle).
        # The web function serves the app's files and reads no token: no pool either.
        names_pool = (api and name != "WebFunction") or name == "CompanyErasureRunFunction"
        check(names_pool == ({"USER_POOL_ID", "USER_POOL_CLIENT_ID"} <= set(env)),
              f"Env: {name} {'lacks' if names_pool else 'has'} USER_POOL_ID/USER_POOL_CLIENT_ID")
        granted = actions(f)
        # The functions that seal or open sessions and refresh handles, answer Cognito with
        # SECRET_HASH or exchange a hosted UI code with the client secret: only they hold the
        # login secrets.
        login = name in ("AuthLoginFunction", "AuthMfaFunction", "AuthPasswordFunction",
                         "AuthMfaSetupFunction", "AuthMfaVerifyFunction", "AuthRefreshFunction",
                         "AuthSsoTokenFunction")
        check(login == ("secretsmanager:GetSecretValue" in granted),
              f"Secrets: GetSecretValue {'missing on' if login else 'granted to'} {name}")
        if login:
            check({"SESSION_KEY_SECRET_ID", "USER_POOL_CLIENT_SECRET_ID"} <= set(env),
                  f"Env: {name} lacks SESSION_KEY_SECRET_ID/USER_POOL_CLIENT_SECRET_ID")
        # The checkpoint key signs checkpoints and erasure certificates, nothing else.
        signs = name in ("AuditArchiveFunction", "CompanyErasureRunFunction")
        check(signs == ("kms:Sign" in granted), f"Keys: kms:Sign and {name}")
        check((name == "AuditVerifyFunction") == ("kms:Verify" in granted),
              f"Keys: kms:Verify and {name}")
        if name in ("AuditArchiveFunction", "AuditVerifyFunction", "CompanyErasureRunFunction"):
            check({"AUDIT_ARCHIVE_BUCKET", "AUDIT_SIGNING_KEY_ID"} <= set(env),
                  f"Env: {name} lacks AUDIT_ARCHIVE_BUCKET/AUDIT_SIGNING_KEY_ID")
        if name in triggers:
            check("UserPool" not in json.dumps(f["Properties"].get("Policies", [])),
                  f"Cycle: the Cognito trigger {name}'s Policies refer to the user pool")
    archive = props.get("AuditArchiveBucket", {})
    retention = archive.get("ObjectLockConfiguration", {}).get("Rule", {}).get("DefaultRetention", {})
    check(archive.get("ObjectLockEnabled") is True and retention.get("Mode") == "COMPLIANCE"
          and retention.get("Years") == {"Ref": "AuditArchiveRetentionYears"},
          "Archive: no compliance-mode Object Lock retention from AuditArchiveRetentionYears")

    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    if failures:
        sys.exit(1)
    print(f"{path}: translated template lints clean; security properties hold")


if __name__ == "__main__":
    main()
