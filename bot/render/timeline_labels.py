"""Chart label layout: rows on either side of the axis where no box overlaps a box or a leader."""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = 8  # label rows per side of the axis


@dataclass(frozen=True, slots=True)
class Slot:
    """A label to place: its event's x, the x-span its box needs, all in axis units."""

    x: float
    lo: float
    hi: float


def _clear(row: int, slot: Slot, placed: list[tuple[int, Slot]]) -> bool:
    """Whether a box on ``row`` overlaps no box and crosses no leader line, nor its leader a box."""
    for other_row, other in placed:
        if (other_row > 0) != (row > 0):
            continue  # the other side of the axis
        if other_row == row and slot.lo < other.hi and other.lo < slot.hi:
            return False  # two boxes on one row
        if abs(other_row) < abs(row) and other.lo <= slot.x <= other.hi:
            return False  # this leader would pass under a nearer box
        if abs(other_row) > abs(row) and slot.lo <= other.x <= slot.hi:
            return False  # this box would cover a farther label's leader
    return True


def _overlap(row: int, slot: Slot, placed: list[tuple[int, Slot]]) -> float:
    return sum(
        max(0.0, min(slot.hi, other.hi) - max(slot.lo, other.lo))
        for other_row, other in placed
        if other_row == row
    )


def place_rows(slots: list[Slot], *, strict: bool, levels: int = LEVELS) -> list[int] | None:
    """A row (±1…±levels, nearest the axis first) for each slot, taken in the order given.

    Strict: None when some label finds no clear row (the caller then lists the labels beside
    the chart). Otherwise a label with no clear row goes where it overlaps least.
    """
    rows = [level for step in range(1, levels + 1) for level in (step, -step)]
    placed: list[tuple[int, Slot]] = []
    chosen: list[int] = []
    for slot in slots:
        row = next((r for r in rows if _clear(r, slot, placed)), None)
        if row is None:
            if strict:
                return None
            row = min(rows, key=lambda r, slot=slot: _overlap(r, slot, placed))  # type: ignore[misc]
        placed.append((row, slot))
        chosen.append(row)
    return chosen
