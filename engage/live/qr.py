"""QR codes for join URLs, as SVG markup or PNG bytes."""

from __future__ import annotations

import io
import re

import qrcode
import qrcode.image.svg

_XML_DECLARATION = re.compile(r"^<\?xml[^>]*\?>\s*")


def qr_svg(url: str) -> str:
    """An SVG QR code that scales to its container (no fixed size)."""
    image = qrcode.make(
        url,
        image_factory=qrcode.image.svg.SvgPathImage,
        border=2,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    svg = image.to_string(encoding="unicode")
    svg = _XML_DECLARATION.sub("", svg)
    # Let CSS size it; keep the viewBox so it scales crisply.
    return re.sub(r'\s(width|height)="[^"]*"', "", svg, count=2)


def qr_png(url: str, box_size: int = 20) -> bytes:
    """A PNG QR code, large enough to print."""
    code = qrcode.QRCode(
        box_size=box_size, border=2, error_correction=qrcode.constants.ERROR_CORRECT_M
    )
    code.add_data(url)
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    return buffer.getvalue()
