"""moto's server with one lock around each request.

moto serves requests on threads and its DynamoDB backend checks a transaction's conditions and
then applies its writes without any lock, so two concurrent TransactWriteItems can both pass
a condition that real DynamoDB would let only one of pass. Serializing requests gives the
emulator DynamoDB's isolation; our concurrency tests then test our code, not moto's races.

It also answers one Cognito error as Cognito does (see `cognito_sessions_as_aws`), and makes
a cancelled DynamoDB transaction leave no trace in the table's stream (see
`transactions_as_dynamodb`), gives S3 events their version ids (`s3_events_as_aws`), and
answers browsers' cross-origin requests to S3 from the buckets' CORS rules only
(`s3_cors_as_aws`).
"""

import argparse
import copy
import threading

from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from moto.cognitoidp import models as cognito_models
from moto.cognitoidp.exceptions import NotAuthorizedError
from moto.dynamodb import models as dynamodb_models
from moto.dynamodb.comparisons import get_filter_expression
from moto.dynamodb.exceptions import TransactionCanceledException
from moto.dynamodb.models.table import Table
from moto.s3 import notifications as s3_notifications
from werkzeug.serving import run_simple


def cognito_sessions_as_aws():
    """An unknown or expired session in RespondToAuthChallenge is NotAuthorizedException
    ("Invalid session for the user, session is expired.") in Cognito; moto 5.2.5 answers
    ResourceNotFoundException, which in AWS means a missing pool or client, so our code rightly
    treats it as a failed dependency (503) and a stale MFA session would look like an outage
    locally only."""
    original = cognito_models.CognitoIdpBackend.respond_to_auth_challenge

    def respond_to_auth_challenge(self, session, client_id, challenge_name, challenge_responses):
        # PASSWORD_VERIFIER carries its session in the responses; only the others are checked.
        if challenge_name != "PASSWORD_VERIFIER" and session not in self.sessions:
            raise NotAuthorizedError("Invalid session for the user, session is expired.")
        return original(self, session, client_id, challenge_name, challenge_responses)

    cognito_models.CognitoIdpBackend.respond_to_auth_challenge = respond_to_auth_challenge


def transactions_as_dynamodb():
    """DynamoDB checks every condition of a TransactWriteItems before it writes anything; a
    cancelled transaction changes no item and writes no stream record. moto 5.2.5 instead
    writes item after item, and when a later condition fails it swaps each table for a deep
    copy taken before the transaction. The stream shard belongs to the table, so the swap
    orphans the shard that open shard iterators read: those readers (our stream relay to
    audit-archive) see the cancelled writes as committed (a phantom audit record that the
    archive then signs a checkpoint for) and never see a later write. It also deep-copies
    whole tables on every transaction, which grows slower as the tables grow.

    Here every condition is checked first (requests are serialized, so nothing changes in
    between); a failed one cancels the transaction with DynamoDB's reasons before any write.
    Only a transaction whose conditions all hold reaches moto's own code, which then applies
    it without the table copies (nothing to roll back: a request DynamoDB would refuse as
    invalid is refused by moto before it writes, for the requests our code makes). Anything the pre-check cannot judge
    (an unknown table, a malformed expression) goes to moto's own code unchanged."""
    original = dynamodb_models.DynamoDBBackend.transact_write_items

    def condition_failures(backend, transact_items):
        """The cancellation reasons if a condition fails, [] if all hold, None if unsure."""
        reasons = []
        seen = set()
        failed = False
        try:
            for item in transact_items:
                if len(item) != 1:
                    return None
                op_type, op = next(iter(item.items()))
                if op_type not in {"ConditionCheck", "Put", "Delete", "Update"}:
                    return None
                table_name = op["TableName"]
                table = backend.get_table(table_name)
                if op_type == "Put":
                    attrs = op["Item"]
                    key = {table.hash_key_attr: attrs[table.hash_key_attr]}
                    if table.range_key_attr is not None:
                        key[table.range_key_attr] = attrs[table.range_key_attr]
                else:
                    key = op["Key"]
                identity = (str(table_name), str(dict(sorted(key.items()))))
                if identity in seen:
                    return None  # moto raises the proper error for this
                seen.add(identity)
                expression = op.get("ConditionExpression")
                if expression is None:
                    reasons.append((None, None, None))
                    continue
                current = backend.get_item(table_name, key)
                condition = get_filter_expression(
                    expression,
                    op.get("ExpressionAttributeNames"),
                    op.get("ExpressionAttributeValues"),
                )
                if condition.expr(current):
                    reasons.append((None, None, None))
                else:
                    old = None
                    if op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current:
                        old = current.to_json()["Attributes"]
                    reasons.append(("ConditionalCheckFailed", "The conditional request failed", old))
                    failed = True
        except Exception:
            return None
        return reasons if failed else []

    class TablesUncopied:
        """`copy` for moto's transaction code when no rollback can be needed: tables are not
        copied (so never swapped); everything else is deep-copied as usual."""

        @staticmethod
        def deepcopy(value, *args, **kwargs):
            if isinstance(value, Table):
                return value
            return copy.deepcopy(value, *args, **kwargs)

    def transact_write_items(self, transact_items):
        reasons = condition_failures(self, transact_items)
        if reasons:
            raise TransactionCanceledException(reasons)
        if reasons is None:
            return original(self, transact_items)
        dynamodb_models.copy = TablesUncopied
        try:
            return original(self, transact_items)
        finally:
            dynamodb_models.copy = copy

    dynamodb_models.DynamoDBBackend.transact_write_items = transact_write_items


def s3_events_as_aws():
    """S3 event notifications of a versioned bucket carry the object's `versionId` (and a
    `sequencer`); moto 5.2.5 leaves both out. documents-ocr keeps the first version of an
    upload and deletes any other (a second POST of the same form) by that id."""
    original = s3_notifications._get_s3_event

    def get_s3_event(event_name, bucket, key, notification_id):
        event = original(event_name, bucket, key, notification_id)
        version = getattr(key, "version_id", None)
        for record in event["Records"]:
            if version and version != "null":
                record["s3"]["object"]["versionId"] = version
        return event

    s3_notifications._get_s3_event = get_s3_event


def s3_key_status_without_its_bucket():
    """`/moto-api/data.json` (where the tests read the mails SES sent) reads every S3 key moto
    ever made, the parts of a finished multipart upload included. moto 5.2.5's `FakeKey.status`
    looks the key's bucket up by name and raises MissingBucket for such a part, so one
    multipart upload (an export) turned the whole dump into a 500. Such a key's status is the
    one it has."""
    from moto.s3 import models as s3_models
    from moto.s3.exceptions import MissingBucket

    original = s3_models.FakeKey.status

    def status(self):
        try:
            return original.fget(self)
        except MissingBucket:
            return self._status

    s3_models.FakeKey.status = property(status, original.fset)


def s3_cors_as_aws():
    """The web app's browser POSTs document files straight to the documents bucket (presigned
    forms) from the app's origin. S3 answers the preflight and the POST itself from the
    bucket's CORS rules: Access-Control-Allow-Origin for an origin and method a rule allows,
    a 403 preflight otherwise. moto 5.2.5 instead wraps every service in flask-cors (any
    origin, any method, with or without rules), so a missing or wrong rule would pass locally;
    without that, its form POST carries no CORS header at all, and its preflight does not check
    the requested method. Here: no global CORS, a preflight needs a rule allowing its origin
    and method, and the form POST gets the headers its bucket's rules give (moto's own rule
    matching, as for its other object answers)."""
    from moto.moto_server import werkzeug_app
    from moto.s3.exceptions import AccessForbidden
    from moto.s3.responses import S3Response
    from moto.s3.utils import cors_matches_origin

    werkzeug_app.DISABLE_GLOBAL_CORS = True

    original_options = S3Response._set_cors_headers_options

    def set_cors_headers_options(self, headers, bucket):
        origin = headers.get("Origin")
        method = headers.get("Access-Control-Request-Method")
        if origin and method and bucket.cors and not any(
            rule.allowed_origins is not None
            and cors_matches_origin(origin, rule.allowed_origins)
            and method in (rule.allowed_methods or [])
            for rule in bucket.cors
        ):
            raise AccessForbidden(
                "CORSResponse: This CORS request is not allowed. This is usually because the "
                "evalution of Origin, request method / Access-Control-Request-Method or "
                "Access-Control-Request-Headers are not whitelisted by the resource's CORS spec."
            )
        return original_options(self, headers, bucket)

    S3Response._set_cors_headers_options = set_cors_headers_options

    original_post = S3Response._bucket_response_post

    def bucket_response_post(self, request, bucket_name):
        response = original_post(self, request, bucket_name)
        if isinstance(response, tuple) and len(response) == 3:
            status, headers, body = response
            headers = dict(headers)
            headers.update(self._get_cors_headers_other())
            return status, headers, body
        return response

    S3Response._bucket_response_post = bucket_response_post


class SerializedApp:
    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            # Materialize the body inside the lock: moto computes it lazily in some paths.
            return list(self.app(environ, start_response))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    cognito_sessions_as_aws()
    transactions_as_dynamodb()
    s3_events_as_aws()
    s3_key_status_without_its_bucket()
    s3_cors_as_aws()
    app = DomainDispatcherApplication(create_backend_app)
    run_simple(
        args.host,
        args.port,
        SerializedApp(app),
        threaded=True,
        request_handler=MotoRequestHandler,
    )


if __name__ == "__main__":
    main()
