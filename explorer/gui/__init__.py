"""The Qt layer: thin views and item models over explorer.core; every change is an undo command."""
