"""Suite-wide defaults."""

import os

# Servers started by tests (scripts/servers.sh, like `make run`) must not launch the background
# generator training of a first start; tests/unit/generation/test_background.py turns it on itself.
os.environ["SHOP_GENERATOR_AUTOTRAIN"] = "0"

# The suite answers free-form questions as a fresh clone (and CI) does: without a trained
# generator, even where `make train-generator` has left one in models/generator. Generator
# tests train and load their own models in temporary directories.
os.environ.setdefault("SHOP_GENERATOR_DIR", os.path.join(os.path.dirname(__file__), "..", "var", "no-generator"))
