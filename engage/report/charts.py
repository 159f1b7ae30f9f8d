"""Small bar charts as PNG images for the Word document (numbers are in tables beside them).

Drawn with matplotlib and its bundled DejaVu Sans, which has every letter Norwegian, Polish
and English text needs (æøå, ł, «», –), so no character prints as a box."""

from __future__ import annotations

import functools
import io
import textwrap

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.textpath import TextToPath

FONT_FAMILY = "DejaVu Sans"
BAR = "#0b5cad"
TEXT = "#1b1f23"
MAX_ROWS, LABEL_WIDTH = 12, 38


def font_path() -> str:
    """The font file every chart label is drawn with."""
    return font_manager.findfont(
        font_manager.FontProperties(family=FONT_FAMILY), fallback_to_default=False
    )


@functools.lru_cache(maxsize=20_000)
def text_width_cm(text: str, size_pt: float, bold: bool = False) -> float:
    """How wide ``text`` prints in DejaVu Sans at ``size_pt`` (wider than Word's Calibri, and
    what LibreOffice uses in its place, so a column sized by it holds the word in both)."""
    prop = font_manager.FontProperties(
        family=FONT_FAMILY, size=size_pt, weight="bold" if bold else "normal"
    )
    width, _, _ = _PATHS.get_text_width_height_descent(text, prop, ismath=False)
    return width * 2.54 / 72


_PATHS = TextToPath()


def _label(text: str) -> str:
    text = text if len(text) <= 2 * LABEL_WIDTH else text[: 2 * LABEL_WIDTH - 1] + "…"
    return "\n".join(textwrap.wrap(text, LABEL_WIDTH)) or "–"


def figure(rows: list[tuple[str, int]]) -> Figure:
    """The chart of (label, count) rows, top row first."""
    rows = rows[:MAX_ROWS] or [("–", 0)]
    labels = [_label(str(label)) for label, _ in rows]
    counts = [int(n) for _, n in rows]
    lines = sum(label.count("\n") + 1 for label in labels)
    fig = Figure(figsize=(7.5, 0.5 + 0.32 * max(lines, len(rows))), dpi=150)
    ax = fig.add_subplot()
    positions = list(range(len(rows)))[::-1]
    ax.barh(positions, counts, color=BAR, height=0.6)
    ax.set_yticks(positions, labels, fontfamily=FONT_FAMILY, fontsize=9, color=TEXT)
    top = max(counts) or 1
    for y, n in zip(positions, counts, strict=True):
        ax.text(n + top * 0.01, y, str(n), va="center", fontfamily=FONT_FAMILY, fontsize=9)
    ax.set_xlim(0, top * 1.12)
    ax.xaxis.set_visible(False)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    return fig


def texts(fig: Figure) -> list[str]:
    """Every string drawn on the chart (for checking the font has each character)."""
    fig.canvas.draw()
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text()]


def bar_chart(rows: list[tuple[str, int]]) -> bytes:
    """A horizontal bar chart of (label, count) rows as PNG bytes."""
    buffer = io.BytesIO()
    figure(rows).savefig(buffer, format="png")
    return buffer.getvalue()
