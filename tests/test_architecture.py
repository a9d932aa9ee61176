"""The architecture the layout states: the domain core free of Qt, the layers of the core
(import-linter contracts in pyproject.toml, indirect imports included). No cap on a class's
length: a module is judged by whether it has one job (issue 23), not by its size."""
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))


def lint(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([LINT], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_contracts_are_kept():
    r = lint(ROOT)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "The domain core does not import Qt KEPT" in r.stdout
    assert "Layers KEPT" in r.stdout


def test_the_layers_contract_is_the_one_the_issue_states():
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    qt = next(c for c in contracts if c["name"] == "The domain core does not import Qt")
    assert qt["allow_indirect_imports"] is False
    layers = next(c for c in contracts if c["type"] == "layers")["layers"]
    flat = [[m.strip().removeprefix("explorer.core.") for m in layer.replace(":", "|").split("|")] for layer in layers]
    order = ["explorer.gui", "exports", "report", "engine", "scenario", "rules", "projection", "dataset", "pools",
             "errors"]
    at = [next(i for i, layer in enumerate(flat) if name in layer) for name in order]
    assert at == sorted(at) and len(set(at)) == len(at)
    assert "explorer.cli" in flat[at[0]] and "brief" in flat[at[1]]
    assert {"loaders", "geometry"} <= set(flat[at[6]]) and "jsonio" in flat[at[8]]


def test_an_upward_import_through_a_chain_breaks_the_layers(tmp_path):
    """The contract can fail: pools reaching report through a module of its own."""
    shutil.copytree(ROOT / "explorer", tmp_path / "explorer", symlinks=True,
                    ignore=shutil.ignore_patterns("resources", "__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "explorer" / "core" / "shortcut.py").write_text("from . import report\n")
    with open(tmp_path / "explorer" / "core" / "pools.py", "a") as f:
        f.write("\nfrom . import shortcut  # noqa\n")
    r = lint(tmp_path)
    assert r.returncode != 0 and "Layers BROKEN" in r.stdout
    assert "explorer.core.pools is not allowed to import explorer.core.report" in r.stdout


def test_core_imports_without_qt_loaded():
    code = ("import sys; import explorer.core.engine, explorer.core.report, explorer.core.commands, explorer.cli; "
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert r.stdout.strip() == "False", r.stderr


def test_one_panel_per_module_with_its_model_beside_it():
    from explorer.gui.panels import assumptions, conflicts, pools, rules, seat_table, summary
    pairs = {seat_table: ("SeatTableModel", "SeatTablePanel"), pools: ("PoolListModel", "PoolBoard"),
             summary: ("PcSplitModel", "SummaryPanel"), conflicts: ("ConflictListModel", "ConflictPanel"),
             assumptions: ("SwingModel", "AssumptionsPanel"), rules: ("RulesModel", "RulesPanel")}
    for mod, names in pairs.items():
        assert all(hasattr(mod, n) for n in names), mod.__name__
    for name in ("models", "widgets", "map_view", "chart", "rules_editor"):
        assert not (ROOT / "explorer" / "gui" / f"{name}.py").exists()


def test_qt_enums_are_written_qualified():
    """Qt.AlignmentFlag.AlignRight, not the short form: PySide6 resolves a short one through a
    slow lookup (~4 us a use), and the models' data() run per cell and role (issue 12)."""
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root / "tools"))
    try:
        from qualify_enums import short_forms
    finally:
        sys.path.pop(0)
    found = [(str(p.relative_to(root)), s) for p in sorted((root / "explorer").rglob("*.py"))
             for s, _q in short_forms(p.read_text(encoding="utf-8"))]
    assert found == []
    assert short_forms("x = Qt.AlignRight") == [("Qt.AlignRight", "Qt.AlignmentFlag.AlignRight")]
