"""The command line's blocs (``--rival``, ``--bloc``) and the data set a scenario file names.

Shared by ``project``, ``optimise`` and ``backtest``; kept apart from the commands themselves."""
from __future__ import annotations

import json
import os


def add_bloc_args(p) -> None:
    p.add_argument("--rival", action="append", default=[], metavar="NAME=P1,P2,...[:baseline|strongest]",
                   help="a rival bloc and its split: each partner where it stood in the baseline (baseline, "
                        "the default) or the bloc's strongest partner in each seat (strongest); repeatable")
    p.add_argument("--rival-transfer", action="append", default=[], metavar="NAME=x",
                   help="share (0-1) of a rival partner's voters that go to its bloc's candidate where it "
                        "does not stand (default 0.8)")
    p.add_argument("--bloc", metavar="NAME", help="our bloc's name in the output (default: the scenario's, or Alliance)")
    p.add_argument("--blocs-as", metavar="YEAR",
                   help="every bloc as it stood in that election of the data set (known alliances, else inferred "
                        "from who stood where), each partner where it stood then; on the scenario's baseline")
    p.add_argument("--contender", action="append", default=[], metavar="CODE=SHARE[:uniform|:like=PARTY|:seats=1,2]",
                   help="a party absent from the baseline with a statewide share in points, in every seat alike, "
                        "where another party is strong, or in chosen seats; repeatable")
    p.add_argument("--independent", action="append", default=[], metavar="AC_NO=SHARE[:NAME]",
                   help="an independent (or a rebel) in a named seat with that share of its vote; repeatable")
    p.add_argument("--lineage", metavar="FILE|none",
                   help="party lineage table (kind,code,to,share,state,year,ac_no,source: renames, mergers, splits "
                        "with each heir's share) mapping an older baseline's parties to the newest election's "
                        "(its rows added to the data set's table, overriding its rows of the same event: a party's "
                        "spelling, or what happened to a party in a year; default: the data set's, which is the "
                        "shipped resources/lineage.csv with the data set's own rows); none: no mapping")
    p.add_argument("--lineage-to", type=int, metavar="YEAR",
                   help="the election year the baseline's parties are mapped to (default: the data set's newest)")


def apply_bloc_args(sc, args) -> None:
    """The rivals and our bloc's name from the command line, added to the scenario's own."""
    from dataclasses import replace

    from .common import UsageError
    from ..core.blocs import parse_rival
    lin = getattr(args, "lineage", None)
    if lin is not None and lin.strip().lower() == "none":
        sc.lineage_to = 0
    elif lin:
        from ..core.lineage import load_lineage, overlay
        from ..core.successors import dataset_lineage
        # a DataError names the file, line and column
        sc.dataset.imports.set_lineage(overlay(dataset_lineage(sc.dataset), load_lineage(lin)))
    if getattr(args, "lineage_to", None) is not None:
        if sc.lineage_to == 0:
            raise UsageError("--lineage none and --lineage-to: give one or the other")
        sc.lineage_to = int(args.lineage_to)
    if getattr(args, "blocs_as", None):
        from ..core.bloc_presets import apply_bloc_preset, bloc_preset
        want = str(args.blocs_as).strip()
        bid = next((k for k, b in sc.dataset.baselines.items() if k == want or str(b.year) == want
                    and b.kind == "vidhan_sabha"), None)
        if bid is None:
            years = ", ".join(str(b.year) for b in sc.dataset.baselines.values() if b.year)
            raise UsageError(f"--blocs-as {want}: no election of that year in {sc.dataset.id} ({years})")
        apply_bloc_preset(sc, bloc_preset(sc.dataset, bid, tuple(p.code for p in sc.pools.partners)))
    if getattr(args, "contender", None) or getattr(args, "independent", None):
        from ..core.contenders import parse_contender, parse_independent, with_contenders
        try:
            new = [parse_contender(c, sc.dataset.resolve_party) for c in args.contender]
            for spec in args.independent:
                c = parse_independent(spec)
                if not sc.seats.has(c.seats[0]):
                    raise ValueError(f"--independent {spec}: no seat {c.seats[0]}")
                new.append(c)
            with_contenders(sc.dataset.baseline(sc.assumptions.baseline), sc.seats, sc.contenders + tuple(new))
        except ValueError as e:
            raise UsageError(str(e)) from None
        sc.set_contenders(sc.contenders + tuple(new))
    rivals = list(sc.rivals)
    for spec in getattr(args, "rival", []) or []:
        try:
            b = parse_rival(spec, sc.dataset.resolve_party)
        except ValueError as e:
            raise UsageError(str(e)) from None
        rivals = [r for r in rivals if r.name.casefold() != b.name.casefold()] + [b]
    for spec in getattr(args, "rival_transfer", []) or []:
        name, eq, val = spec.partition("=")
        hit = [k for k, r in enumerate(rivals) if r.name.casefold() == name.strip().casefold()]
        if not eq or not hit:
            raise UsageError(f"--rival-transfer {spec}: expected NAME=x with a rival named by --rival")
        try:
            x = float(val)
        except ValueError:
            raise UsageError(f"--rival-transfer {spec}: {val!r} is not a number") from None
        if not 0.0 <= x <= 1.0:
            raise UsageError(f"--rival-transfer {spec}: {val} is outside 0-1")
        rivals[hit[0]] = replace(rivals[hit[0]], transfer=x)
    try:
        sc.set_rivals(tuple(rivals), getattr(args, "bloc", None) or None)
    except ValueError as e:
        raise UsageError(f"--rival: {e}") from None


def scenario_dataset(path: str) -> str | None:
    """The data set a scenario file names (``"dataset"``), or None when it names none or the
    file cannot be read as JSON (the scenario reader then says what is wrong with it)."""
    from ..core.errors import DataError
    from ..core.jsonio import read_json
    try:
        doc = read_json(path)
    except (DataError, OSError, ValueError):
        return None
    ds = doc.get("dataset") if isinstance(doc, dict) else None
    return ds if isinstance(ds, str) and ds else None


def known_dataset_folder(dataset_id: str) -> str | None:
    """The folder a data set of this id was opened from in the window before (the window's
    settings, as Open recent keeps them), when it is still there."""
    try:
        from PySide6.QtCore import QCoreApplication, QSettings
    except ImportError:
        return None
    from .. import APP_NAME
    from ..core.paths import private_settings_dir
    # the window's settings: its organisation and name (set by the window, or by a test); with
    # $SEAT_SHARE_DATA_DIR set, the INI file in it, as the window keeps them then (gui/settings.py)
    private = private_settings_dir()
    if private is not None:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(private))
    settings = QSettings() if QCoreApplication.organizationName() else QSettings(
        QSettings.defaultFormat(), QSettings.Scope.UserScope, "SeatShareExplorer", APP_NAME)
    try:
        v = json.loads(settings.value("dataset_folders", "{}") or "{}")
    except (TypeError, ValueError):
        return None
    where = v.get(dataset_id) if isinstance(v, dict) else None
    if isinstance(where, str) and os.path.isfile(os.path.join(where, "dataset.json")):
        return where
    return None


def dataset_for_scenario(spec: str | None, scenario_path: str | None) -> str | None:
    """``--dataset`` when given; else the data set the scenario file names, when it is a shipped
    one or one opened before in the window; else None (the default data set)."""
    if spec or not scenario_path:
        return spec
    want = scenario_dataset(scenario_path)
    if not want:
        return None
    from ..core import dataset_io
    if want in dataset_io.embedded_ids():
        return want
    return known_dataset_folder(want)
