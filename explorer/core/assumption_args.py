"""The assumptions as the command line states them: ``--transfer FROM:TO=x`` (or a bare share for
every direction between the partners) and ``--swing PARTY=points``, turned into ``Assumptions``.
Every bad argument raises ValueError saying what is wrong and what to write instead."""
from __future__ import annotations

from typing import Iterable

from .assumptions import Assumptions, can_swing
from .dataset import Dataset
from .errors import nearest


def share(text: str, what: str) -> float:
    """A share 0-1, written 0.2 or 20%."""
    t = text.strip()
    try:
        x = float(t[:-1]) / 100.0 if t.endswith("%") else float(t)
    except ValueError:
        raise ValueError(f"{what}: {text!r} is not a share (write 0.2 or 20%)") from None
    if not 0.0 <= x <= 1.0:
        raise ValueError(f"{what}: {text} is outside 0-1 (write 0.2 or 20%)")
    return x


def with_transfers(a: Assumptions, specs: Iterable[str], codes: list[str]) -> Assumptions:
    """``FROM:TO=x`` between two of the partners ``codes``, or a bare ``x`` for every direction."""
    for t in specs:
        if "=" not in t:
            x = share(t, "--transfer")
            for f in codes:
                for to in codes:
                    if f != to:
                        a = a.with_transfer(f, to, x)
            continue
        pair, _, val = t.partition("=")
        f, _, to = pair.partition(":")
        f, to = f.strip().upper(), to.strip().upper()
        if f not in codes or to not in codes or f == to:
            raise ValueError(f"--transfer {t}: expected FROM:TO=x with partners {' and '.join(codes)}")
        a = a.with_transfer(f, to, share(val, f"--transfer {pair}"))
    return a


def with_swings(a: Assumptions, specs: Iterable[str], ds: Dataset) -> Assumptions:
    """``PARTY=points`` (a code or an ECI name) for a party of the baseline ``a`` stands on."""
    parties = set(ds.baseline(a.baseline).candidates["party"])
    for s in specs:
        text, eq, val = s.partition("=")
        if not eq:
            raise ValueError(f"--swing {s}: expected PARTY=points, e.g. BJP=-2")
        party = ds.resolve_party(text.strip()) or text.strip().upper()
        if not can_swing(party):
            raise ValueError(f"--swing {s}: {party} is not a party; independents are separate candidates")
        if party not in parties:
            tot = ds.baseline(a.baseline).candidates.groupby("party")["votes"].sum()
            near = nearest(text.strip(), [p for p in tot.sort_values(ascending=False).index if can_swing(p)],
                           ds.party_name)
            raise ValueError(f"--swing {s}: no party {text.strip()} in baseline {a.baseline}"
                             + (f"; did you mean {near}?" if near else ""))
        try:
            x = float(val)
        except ValueError:
            raise ValueError(f"--swing {s}: {val!r} is not a number") from None
        if not -100.0 <= x <= 100.0:    # NaN too: it swung nobody and printed "swing BJP -nan pts"
            raise ValueError(f"--swing {s}: {val.strip()} is not a swing of -100 to 100 points")
        a = a.with_swing(party, x)
    return a
