"""Data shipped with the app (installed as the package explorer.resources); built by tools/build_dataset.py."""
