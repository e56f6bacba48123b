"""moto's server with one lock around each request.

moto serves requests on threads and its DynamoDB backend checks a transaction's conditions and
then applies its writes without any lock, so two concurrent TransactWriteItems can both pass
a condition that real DynamoDB would let only one of pass. Serializing requests gives the
emulator DynamoDB's isolation; our concurrency tests then test our code, not moto's races.

It also answers one Cognito error as Cognito does (see `cognito_sessions_as_aws`).
"""

import argparse
import threading

from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from moto.cognitoidp import models as cognito_models
from moto.cognitoidp.exceptions import NotAuthorizedError
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
