"""Small numpy helpers for the flat arrays the matcher is built from."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Positions = npt.NDArray[np.intp]


def ranges(starts: Positions, lengths: Positions) -> Positions:
    """The positions of every range (`starts[i]`, `lengths[i]` long), one after another."""
    ends = np.cumsum(lengths)
    return np.arange(int(ends[-1]) if len(ends) else 0) + np.repeat(
        starts - ends + lengths, lengths
    )


def stable_order(keys: Positions, limit: int) -> Positions:
    """The order that sorts `keys` (each below `limit`), equal keys kept in their order."""
    if limit <= 1 << 16:
        return np.argsort(keys.astype(np.uint16), kind="stable")  # a radix sort: linear time
    return np.argsort(keys, kind="stable")


def run_starts(*columns: Positions) -> npt.NDArray[np.bool_]:
    """Where each run of equal rows starts, for rows (one value from each column) sorted so
    that equal rows are next to each other."""
    starts = np.zeros(len(columns[0]), dtype=bool)
    for column in columns:
        starts |= np.diff(column, prepend=-1) != 0
    return starts
