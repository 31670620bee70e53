"""Entry point: ``python -m shopassist.evaluation --model models/x.tar.gz --out reports/eval``."""
from shopassist.evaluation.nlu_eval import main

if __name__ == "__main__":
    raise SystemExit(main())
