"""Values as JSON and as CSV cells, for the writers of the command line and of corpus runs."""

from __future__ import annotations

import json
import math
from typing import Any

__all__ = ["json_value", "csv_cells"]


def json_value(v: Any) -> Any:
    """A value JSON can hold: NaN and infinities as null, anything else JSON cannot hold (bytes, decimals, dates) as text."""
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    if isinstance(v, (list, tuple)):
        return [json_value(x) for x in v]
    if isinstance(v, dict):
        return {str(k): json_value(x) for k, x in v.items()}
    return v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v)


def csv_cells(row: dict[str, Any]) -> dict[str, Any]:
    """A row for csv.DictWriter: lists and dicts (flags, probabilities) as JSON."""
    return {k: (json.dumps(v) if isinstance(v, (list, dict)) else v) for k, v in row.items()}
