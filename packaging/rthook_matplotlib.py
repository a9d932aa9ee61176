# PyInstaller runtime hook: matplotlib's config and font cache in a persistent per-user folder,
# so the frozen app does not rebuild the font cache at every start.
import os

if "MPLCONFIGDIR" not in os.environ:
    try:
        from platformdirs import user_cache_dir
        d = os.path.join(user_cache_dir("SeatShareExplorer", appauthor=False), "matplotlib")
        os.makedirs(d, exist_ok=True)
        os.environ["MPLCONFIGDIR"] = d
    except Exception:  # a read-only home: matplotlib falls back to a temporary folder
        pass
