"""``--format json``: the outcome as the versioned document of :func:`cleaner.gate.to_json`."""

from __future__ import annotations

import json

from cleaner.gate import Outcome, to_json


def render(outcome: Outcome, quiet: bool = False) -> str:
    return json.dumps(to_json(outcome), ensure_ascii=False, indent=2) + "\n"
