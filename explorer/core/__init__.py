"""The domain: data sets, scenarios, projection, rules and conflicts, file formats.

Pure Python + numpy/pandas. Nothing here imports Qt (an import-linter contract in
pyproject.toml checks it), so every figure the window shows can be tested without a display.
"""
