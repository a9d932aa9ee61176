"""The window's controllers: what the menus and the tabs ask of files, imports, partners, data
sets and the analysis docks; each one job, told of the window it serves."""
