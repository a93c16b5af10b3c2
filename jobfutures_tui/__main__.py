from jobfutures_tui.launch import main

raise SystemExit(main())
