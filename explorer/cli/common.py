"""What the command line's commands share: the one-line usage error, the parser that raises it,
the data set and uncertainty arguments, and the scenario a command starts from."""
from __future__ import annotations

import argparse

from ..core import dataset_io
from ..core.dataset_io import load_embedded
from ..core.scenario import Scenario
from ..core.rules import load_rules_file
from ..core.starting import scenario_file, starting_scenario


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2
        raise UsageError(message)


def uncertainty_args(p, default_draws: int) -> None:
    p.add_argument("--draws", type=int, default=default_draws, metavar="N",
                   help="simulated elections for the uncertainty (e.g. 10000" +
                        ("; 0: none, the default)" if default_draws == 0 else ")"))
    p.add_argument("--seed", type=int, default=2024, help="random seed (default 2024: the same figures every run)")
    p.add_argument("--uncertainty", default="fitted", choices=["low", "fitted", "high"],
                   help="the sizes fitted from the data (fitted), halved (low) or x1.5 (high)")


def check_draws(n: int) -> None:
    if not 0 <= n <= 200_000:
        raise UsageError(f"--draws {n}: use 0 to 200000")


def dataset_args(p) -> None:
    p.add_argument("--dataset", metavar="DIR",
                   help="data set folder, or an embedded id (default: haryana; also: "
                        "jharkhand)")


def load_dataset(spec: str | None):
    """A data set by folder or embedded id (default: the embedded Haryana)."""
    import os
    if not spec:
        return load_embedded()
    if os.path.exists(spec):
        return dataset_io.load_dataset(spec)
    if spec in dataset_io.embedded_ids():
        return load_embedded(spec)
    raise UsageError(f"--dataset {spec}: no such folder, and no embedded data set of that id "
                     f"(embedded: {', '.join(dataset_io.embedded_ids())})")


def command_line_scenario(ds, partners_spec: str | None) -> Scenario:
    """A new scenario for the command line: the --partners alliance (codes or ECI names) or the
    data set's own, with the data set's rules when the alliance is its own."""
    partners = None
    if partners_spec:
        try:
            partners = dataset_io.resolve_partners(ds, partners_spec)
        except ValueError as e:
            raise UsageError(f"--partners: {e}") from None
    return starting_scenario(ds, partners=partners, name="Command line")


def command_scenario(ds, args) -> Scenario:
    """The scenario a command works on: the scenario file (``starting.scenario_file``) or a new one
    for the --partners alliance, judged under --rules when given."""
    if args.scenario:
        if args.partners:
            raise UsageError("--partners: the scenario file names its partners; give one or the other")
        sc = scenario_file(ds, args.scenario)
    else:
        sc = command_line_scenario(ds, args.partners)
    if args.rules:
        sc.rules = load_rules_file(args.rules, ds.seats, sc.pools)
    return sc


def check_pool(sc: Scenario, key: str, opt: str) -> None:
    try:
        sc.pools.index(key)
    except KeyError as e:
        raise UsageError(f"{opt}: {e.args[0]}") from None
