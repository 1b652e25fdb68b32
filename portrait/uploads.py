"""Evidence uploads are checked by what they contain, not only by their name."""

import zipfile

from django.core.exceptions import ValidationError

MAX_BYTES = 10 * 1024 * 1024
ACCEPTED = "PDF, Word (.docx), PNG or JPG"


def _is_pdf(head, file):
    return head.startswith(b"%PDF-")


def _is_png(head, file):
    return head.startswith(b"\x89PNG\r\n\x1a\n")


def _is_jpeg(head, file):
    return head.startswith(b"\xff\xd8\xff")


def _is_docx(head, file):
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        file.seek(0)


CHECKS = {
    "pdf": _is_pdf,
    "png": _is_png,
    "jpg": _is_jpeg,
    "jpeg": _is_jpeg,
    "docx": _is_docx,
}


def check_evidence(file):
    """Raise ValidationError unless `file` is a PDF, DOCX, PNG or JPG of at most 10 MB."""
    if file.size > MAX_BYTES:
        raise ValidationError(
            f"“{file.name}” is {file.size / 1024 / 1024:.1f} MB; files can be at most 10 MB."
        )
    extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
    check = CHECKS.get(extension)
    if check is None:
        raise ValidationError(f"Upload a {ACCEPTED} file.")
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if not check(head, file):
        raise ValidationError(
            f"“{file.name}” is not really a .{extension} file. Upload a {ACCEPTED} file."
        )
    return file
