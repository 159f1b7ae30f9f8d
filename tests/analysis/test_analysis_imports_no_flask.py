"""The analysis library stands alone: importing it loads no Flask and no database layer."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = """
import sys
import engage.analysis
from engage.analysis import ThemeModel
texts = ["Mer turisme", "Bedre veier", "Flere boliger", "Kurs"]
ThemeModel(use_embeddings=False).fit(texts, languages=["nb"] * 4)
bad = sorted(m for m in sys.modules
             if m.split(".")[0] in {"flask", "sqlalchemy", "flask_sqlalchemy", "alembic"}
             or m.startswith("flask_"))
print(",".join(bad))
"""


def test_importing_and_using_analysis_loads_no_flask_or_database_modules():
    result = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, check=True
    )

    assert result.stdout.strip() == ""
