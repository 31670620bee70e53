"""``python -m shopassist.nlu.zh.grammar [INTENT] [-n N]``: preview drawn examples."""
import sys

from shopassist.nlu.zh.grammar import main

raise SystemExit(main(sys.argv[1:]))
