"""The permission table every URL of the project must have a row in.

Each app's `tests/permissions.py` defines `ROWS = {url_name: Row(...)}` and
`objects(cast) -> dict` (the records its URLs need). `test_url_permissions.py` fails
when a URL pattern has no row, and checks every row against every member of the cast.

Expected answers: an HTTP status (200, 403, 404, 405, 302) or LOGIN, a redirect to
the sign-in page. `default` covers the signed-in people not listed.
"""

from dataclasses import dataclass, field

LOGIN = "login"
WHO = ["anonymous", "admin", "principal", "teacher", "coach", "outsider"]


@dataclass
class Row:
    url: object  # a callable: objects dict -> path
    default: object = 200
    anonymous: object = LOGIN
    expect: dict = field(default_factory=dict)

    def expected(self, who):
        if who == "anonymous":
            return self.anonymous
        return self.expect.get(who, self.default)


def no_objects(cast):
    return {}
