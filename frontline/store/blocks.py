"""Finding the pairs of reports that may be one event without comparing every pair.

Reports are filed by (family, modality group, country), then by date bucket,
then by grid cell or admin1; a report is compared only with the reports filed
in the buckets and cells its own date and place can reach.
"""
from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterator

from frontline.store.reports import RADIUS_KM, Report

BUCKET_DAYS = 8
CELL_DEGREES = 0.25  # 27.8 km of latitude: a 25 km neighbour is at most one row away


class BlockIndex:
    """Reports filed by (family, modality group, country), then date bucket, then grid cell or admin1.

    A report is filed under every date bucket its widened date touches, so two
    reports whose dates overlap share a bucket; candidates() returns a superset
    of the compatible reports and compatible() decides. Reports of different
    families, modality groups or countries are never compatible: each such
    partition has its own small index. A sweep through time can forget the
    buckets behind it (forget_before), which keeps the index small.
    """

    def __init__(self) -> None:
        self._parts: dict[tuple[str, str, str], _Partition] = {}
        self._filed: list[tuple[int, tuple[str, str, str]]] = []  # heap of (bucket, partition) in use

    def add(self, report: Report) -> None:
        if report.country is None:
            return  # no place: it cannot be shown to be anyone else's event
        key = (report.family, report.group, report.country)
        part = self._parts.get(key)
        if part is None:
            part = self._parts[key] = _Partition()
        for bucket in part.add(report):
            heapq.heappush(self._filed, (bucket, key))

    def candidates(self, report: Report) -> Iterator[Report]:
        """Every filed report that may be compatible with `report` (some more than once)."""
        if report.country is None:
            return iter(())
        part = self._parts.get((report.family, report.group, report.country))
        return part.candidates(report) if part else iter(())

    def forget_before(self, bucket: int) -> None:
        """Drop every date bucket before `bucket`: no later query of the sweep can reach them."""
        while self._filed and self._filed[0][0] < bucket:
            old, key = heapq.heappop(self._filed)
            self._parts[key].forget(old)


class _Partition:
    def __init__(self) -> None:
        self.cells: dict[int, dict[tuple[int, int], list[Report]]] = {}
        self.areas: dict[int, dict[str, list[Report]]] = {}
        self.coarse_areas: dict[int, dict[str, list[Report]]] = {}

    def add(self, report: Report) -> list[int]:
        """File the report; the buckets opened for it."""
        cell = _cell(report)
        opened = []
        for bucket in _buckets(report):
            if bucket not in self.cells:
                self.cells[bucket], self.areas[bucket], self.coarse_areas[bucket] = {}, {}, {}
                opened.append(bucket)
            if cell is not None:
                self.cells[bucket].setdefault(cell, []).append(report)
            if report.admin1 is not None:
                self.areas[bucket].setdefault(report.admin1, []).append(report)
                if report.coarse:
                    self.coarse_areas[bucket].setdefault(report.admin1, []).append(report)
        return opened

    def forget(self, bucket: int) -> None:
        for table in (self.cells, self.areas, self.coarse_areas):
            table.pop(bucket, None)

    def candidates(self, report: Report) -> Iterator[Report]:
        cell = _cell(report)
        near = _reach(report) if cell is not None else 0
        for bucket in _buckets(report):
            if cell is not None and (cells := self.cells.get(bucket)):
                row, column = cell
                for dr in (-1, 0, 1):
                    for dc in range(-near, near + 1):
                        yield from cells.get((row + dr, (column + dc) % COLUMNS), ())
            if report.admin1 is not None:  # an imprecise report fits any report of its admin1, and back
                areas = (self.areas if report.coarse else self.coarse_areas).get(bucket)
                if areas:
                    yield from areas.get(report.admin1, ())


COLUMNS = round(360 / CELL_DEGREES)


def _buckets(report: Report) -> range:
    return range((report.day - report.half_width) // BUCKET_DAYS, (report.day + report.half_width) // BUCKET_DAYS + 1)


def _cell(report: Report) -> tuple[int, int] | None:
    e = report.event
    if e.latitude is None or e.longitude is None:
        return None
    return math.floor(e.latitude / CELL_DEGREES), math.floor((e.longitude + 180.0) / CELL_DEGREES) % COLUMNS


def _reach(report: Report) -> int:
    """Grid columns to look either side: a column narrows away from the equator."""
    widest = min(89.0, abs(report.event.latitude or 0.0) + 2 * CELL_DEGREES)
    km_per_column = 111.32 * CELL_DEGREES * math.cos(math.radians(widest))
    return min(COLUMNS // 2, math.ceil(RADIUS_KM / km_per_column))


class UnionFind:
    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def add(self, item: str) -> None:
        self._parent.setdefault(item, item)

    def find(self, item: str) -> str:
        parent = self._parent
        root = item
        while parent[root] != root:
            root = parent[root]
        while parent[item] != root:
            parent[item], item = root, parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self._parent[rb] = ra

    def groups(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for item in self._parent:
            found[self.find(item)].append(item)
        return found
