"""How many examples a property test tries.

CI (``CI`` set, as `.ci/run` runs) keeps the thorough counts each test asks
for; a local run takes at most :data:`QUICK`, for a fast edit-test loop.
``HYPOTHESIS_THOROUGH=1`` gives the CI counts locally."""

from __future__ import annotations

import os

QUICK = 25
THOROUGH = bool(os.environ.get("CI") or os.environ.get("HYPOTHESIS_THOROUGH"))


def examples(n: int) -> int:
    return n if THOROUGH else min(n, QUICK)
