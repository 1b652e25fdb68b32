"""Loaded by Schemathesis in test_api_schemathesis.py (SCHEMATHESIS_HOOKS): a check that no
answer to district A's token names anything of district B.

DEEPBENCH_FOREIGN names a JSON file: {"ids": {collection: [ids]}, "texts": [strings]} of
district B. A row of a collection whose id is one of B's, or any of B's names and emails
anywhere in an answer, fails the run."""

import json
import os
import re

import schemathesis

COLLECTION = re.compile(r"/api/v1/([a-z-]+)/")


def _foreign():
    with open(os.environ["DEEPBENCH_FOREIGN"]) as found:
        return json.load(found)


def _rows(body):
    if isinstance(body, dict) and isinstance(body.get("results"), list):
        return body["results"]
    return [body] if isinstance(body, dict) else []


@schemathesis.check
def no_other_district(ctx, response, case):
    foreign = _foreign()
    text = response.text or ""
    for marker in foreign["texts"]:
        if marker in text:
            raise AssertionError(f"District B's {marker!r} is in the answer to district A")
    match = COLLECTION.match(case.path)
    if match is None or "json" not in response.headers.get("Content-Type", [""])[0]:
        return
    theirs = set(foreign["ids"].get(match.group(1), []))
    try:
        body = json.loads(text)
    except ValueError:
        return
    for row in _rows(body):
        if isinstance(row, dict) and row.get("id") in theirs:
            raise AssertionError(f"{match.group(1)} {row['id']} of district B answered to A")
