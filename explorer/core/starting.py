"""Where a scenario starts: one rule for the window, a new tab, a data set opened and the
command line.

``starting_scenario(dataset, preset=None, like=None)``:

- with ``preset`` (a name of the data set's presets): that preset's pools, friendly fights and
  assumptions;
- else with ``document`` (a scenario file the command line was given): what the file says;
- else every seat Unassigned, on the baseline and assumptions of ``like`` (the scenario in front)
  when it stands on the same data set (its transfers between the partners the new one has),
  otherwise on the data set's default baseline.

In every case a scenario without rules of its own, on the data set's own alliance, is judged
under the data set's rules (the strategist can clear them). ``partners`` chooses another
alliance for a new scenario."""
from __future__ import annotations

from .assumptions import Assumptions
from .dataset import Dataset
from .pools import Partner
from .scenario import Scenario, default_rules


def starting_scenario(dataset: Dataset, preset: str | None = None, like: Scenario | None = None, *,
                      partners: tuple[Partner, ...] | None = None, name: str | None = None,
                      document=None, source: str = "scenario") -> Scenario:
    """See the module's text. Raises KeyError for an unknown preset, DataError for a bad document."""
    if preset is not None:
        doc = dataset.scenario_docs[preset]
        sc = Scenario.from_json(dataset, doc, preset)
        own_rules = "rules" in doc
    elif document is not None:
        sc = Scenario.from_json(dataset, document, source)
        own_rules = isinstance(document, dict) and "rules" in document
    else:
        sc = Scenario(dataset, partners, name=name or "Untitled")
        own_rules = False
        if like is not None and like.dataset is dataset:
            a = like.assumptions
            codes = {p.code for p in sc.pools.partners}
            sc.assumptions = Assumptions.make(a.baseline, {k: v for k, v in a.transfer.items() if set(k) <= codes},
                                              a.swing, a.seat_adjust, a.poll, a.poll_error)
            # the rival blocs stay as they are (those sharing no party with this alliance)
            sc.rivals = tuple(b for b in like.rivals if not codes & set(b.partners))
            sc.bloc_name = like.bloc_name
            sc.lineage_to = like.lineage_to
            sc.contenders = like.contenders
    if not own_rules and not sc.rules.rules and sc.pools.partners == dataset.partners:
        sc.rules = default_rules(dataset, sc.pools)
    if name is not None:
        sc.name = name
    return sc


def scenario_file(dataset: Dataset, path) -> Scenario:
    """A scenario file the command line was given, as ``starting_scenario`` makes it (``project``
    and ``optimise`` alike: without rules of its own, on the data set's alliance, the data set's
    rules). Raises DataError naming the file."""
    from .jsonio import read_json
    return starting_scenario(dataset, document=read_json(path), source=str(path))
