"""Ids from what people type: an id, a name or an alias, in English or Russian.

`resolve_name` is what `--from`, `--to`, `--close`, scenario targets and demand files use: an
exact id wins; otherwise a name or alias that matches exactly one feature (of the kinds asked
for) stands for it; a name shared by several gives an error that lists them with their ids.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from railwatch.network.model import RailNetwork

ALL_KINDS = ("section", "structure", "node")


class AmbiguousName(ValueError):
    """A name that several features carry; `candidates` are (kind, id, name) triples."""

    def __init__(self, text: str, candidates: list[tuple[str, str, str]], network_name: str):
        self.candidates = candidates
        listed = "; ".join(f"{kind} {fid} ({name})" for kind, fid, name in candidates[:10])
        more = f"; and {len(candidates) - 10} more" if len(candidates) > 10 else ""
        super().__init__(
            f"{text!r} names {len(candidates)} features in network {network_name!r}: "
            f"{listed}{more}; give the id instead"
        )


def resolve_name(
    network: RailNetwork, text: str, kinds: tuple[str, ...] = ALL_KINDS
) -> tuple[str, str] | None:
    """(kind, id) for an id, name or alias of one feature of `kinds`; None when nothing matches.

    Raises `AmbiguousName` when the name or alias belongs to several features.
    """
    kind = network.kind_of(text)
    if kind is not None and kind in kinds:
        return kind, text
    exact = [m for m in network.lookup(text) if m.score >= 0.9 and m.kind in kinds]
    best = max((m.score for m in exact), default=None)
    found = list(
        dict.fromkeys((m.kind, m.id, _described(network, m)) for m in exact if m.score == best)
    )
    if len(found) == 1:
        return found[0][0], found[0][1]
    if len(found) > 1:
        raise AmbiguousName(text, found, network.name)
    return None


def _described(network: RailNetwork, match) -> str:
    """A match's name, with its region and railway where the network has them (stations of
    the same name are told apart by where they are)."""
    if match.kind != "node" or "region" not in network.nodes.columns:
        return match.name
    row = network.nodes.loc[match.id]
    where = [v for v in (row.get("region"), row.get("railway")) if isinstance(v, str) and v]
    return f"{match.name}, {', '.join(where)}" if where else match.name
