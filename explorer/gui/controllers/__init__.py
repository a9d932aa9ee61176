"""The window's controllers: what the menus and the tabs ask of files, imports, partners, data
sets, the analysis docks and the live uncertainty; each one job, told of the window it serves."""
