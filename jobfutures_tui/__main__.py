from jobfutures_tui.cli import main

raise SystemExit(main())
