"""Checks infra/openapi.yaml: a valid OpenAPI 3.0 document whose every example validates
against the schema it illustrates, so the examples can be trusted as documentation.

Exits 1 naming each failing example. (That the paths and methods equal template.yaml's is
checked by the Rust test suite.)
"""

import sys
from pathlib import Path

import yaml
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

SPEC_PATH = Path(__file__).resolve().parent / "openapi.yaml"


def main():
    spec = yaml.safe_load(SPEC_PATH.read_text())
    validate(spec)

    def resolve(node):
        while isinstance(node, dict) and "$ref" in node:
            current = spec
            for part in node["$ref"][2:].split("/"):
                current = current[part]
            node = current
        return node

    failures = []
    checked = 0

    def check(schema, value, where):
        nonlocal checked
        checked += 1
        validator = OAS30Validator({"components": spec["components"], "allOf": [schema]})
        for error in list(validator.iter_errors(value))[:3]:
            failures.append(f"{where}: {error.message[:200]}")

    def media(media_type, where):
        if "schema" not in media_type:
            return
        if "example" in media_type:
            check(media_type["schema"], media_type["example"], where)
        for name, example in (media_type.get("examples") or {}).items():
            check(media_type["schema"], resolve(example)["value"], f"{where} [{name}]")

    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            body = operation.get("requestBody")
            if body:
                for content_type, media_type in resolve(body)["content"].items():
                    media(media_type, f"{method.upper()} {path} request {content_type}")
            for status, response in operation["responses"].items():
                for content_type, media_type in (resolve(response).get("content") or {}).items():
                    if content_type.endswith("json"):
                        media(media_type, f"{method.upper()} {path} {status} {content_type}")

    for failure in failures:
        print("FAIL", failure)
    print(f"openapi.yaml: valid OpenAPI 3.0; {checked} examples checked, {len(failures)} failing")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
