"""``python -m shopassist.handoff report|queue``: CSAT report and the handoff queue (CLI)."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Optional, Sequence

from . import service


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Print the CSAT report (Markdown or --json) or the waiting/active handoff requests."""
    parser = argparse.ArgumentParser(prog="python -m shopassist.handoff")
    parser.add_argument("command", choices=["report", "queue"])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    data = service.csat_report() if args.command == "report" else service.list_requests()
    if args.json or args.command == "queue":
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print(service.render_report(data))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
