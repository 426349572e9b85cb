"""Uploads must be what they claim: a PDF starts with %PDF- and ends with %%EOF."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def validate_pdf(upload) -> None:
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        head = upload.read(1024)
        upload.seek(0, 2)
        size = upload.tell()
        upload.seek(max(0, size - 2048))
        tail = upload.read()
    finally:
        upload.seek(position)
    if not head.lstrip()[:5] == b"%PDF-" or b"%%EOF" not in tail:
        raise ValidationError(_("Filen er ikke en PDF."), code="not_pdf")
