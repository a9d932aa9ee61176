"""Entry point of the packaged app (PyInstaller runs this file as a script)."""
from explorer.__main__ import main

raise SystemExit(main())
