from .consumer import main

raise SystemExit(main())
