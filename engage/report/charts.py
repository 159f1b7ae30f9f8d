"""Small bar charts as PNG images for the Word document (numbers are in tables beside them)."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

WIDTH, ROW, LABEL_WIDTH, PAD = 1200, 44, 460, 16
BAR = (11, 92, 173)
TEXT = (27, 31, 35)


def _font(size: int) -> ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # older Pillow: fixed-size default font
        return ImageFont.load_default()


def bar_chart(rows: list[tuple[str, int]]) -> bytes:
    """A horizontal bar chart of (label, count) rows as PNG bytes."""
    rows = rows[:12] or [("–", 0)]
    height = PAD * 2 + ROW * len(rows)
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    font = _font(24)
    top = max(n for _, n in rows) or 1
    for index, (label, count) in enumerate(rows):
        y = PAD + index * ROW
        text = label if len(label) <= 34 else label[:33] + "…"
        draw.text((PAD, y + 8), text, fill=TEXT, font=font)
        length = int((WIDTH - LABEL_WIDTH - 120) * count / top)
        draw.rectangle([LABEL_WIDTH, y + 8, LABEL_WIDTH + max(length, 2), y + ROW - 8], fill=BAR)
        draw.text((LABEL_WIDTH + length + 12, y + 8), str(count), fill=TEXT, font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
