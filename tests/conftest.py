"""Suite-wide defaults."""

import os

# Servers started by tests (scripts/servers.sh, like `make run`) must not launch the background
# generator training of a first start; tests/unit/generation/test_background.py turns it on itself.
os.environ["SHOP_GENERATOR_AUTOTRAIN"] = "0"
