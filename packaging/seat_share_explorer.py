"""Entry point of the packaged app (PyInstaller runs this file as a script)."""
from explorer.__main__ import attach_windows_console, main

attach_windows_console()  # Windows: the command line prints to the console it was started from
raise SystemExit(main())
