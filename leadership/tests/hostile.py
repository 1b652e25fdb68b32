"""Request bodies a browser would never send, for the tests of bad input."""

import uuid


def multipart(fields=(), files=()):
    """A multipart/form-data body, written by hand so that a file name can be of any length
    (the test client cuts names at 255 characters). `fields` are (name, text) pairs,
    `files` (field, file name, bytes) triples. Returns the body and its content type."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + str(value).encode()
            + b"\r\n"
        )
    for field, file_name, content in files:
        parts.append(
            (
                f"--{boundary}\r\n"
                f'Content-Disposition: form-data; name="{field}"; filename="{file_name}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + content
            + b"\r\n"
        )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"
