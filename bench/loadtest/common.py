"""Constants shared by the load benchmark: paths, quiet environment, targets."""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:  # run as a file: bot/ and devtools/ import from the repository
    sys.path.insert(0, str(REPO_ROOT))
BARE_DIR = REPO_ROOT / "build" / "bench" / "bare_bot"
QUIET_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "RASA_TELEMETRY_ENABLED": "false",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
}
LOOPBACK = {"127.0.0.1", "localhost"}

# Targets (Wegwijzer). 1.5 GB is read strictly as 1.5e9 bytes.
TARGET_P95_RATIO = 1.5
TARGET_MSGS_PER_S = 50.0
TARGET_RSS_BYTES = 1.5e9
TARGET_ERRORS = 0
