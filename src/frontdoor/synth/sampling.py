"""Small, fast sampling helpers over an explicit ``random.Random`` (never the global one)."""

from __future__ import annotations

import math
from bisect import bisect
from collections.abc import Sequence
from random import Random
from typing import Generic, TypeVar

T = TypeVar("T")


class Weighted(Generic[T]):
    """A fixed list of choices with weights; ``pick`` is one bisect over the cumulative weights."""

    __slots__ = ("_cumulative", "_total", "items")

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        if not pairs:
            raise ValueError("Weighted needs at least one choice")
        self.items: list[T] = [item for item, _ in pairs]
        total = 0.0
        cumulative = []
        for _, weight in pairs:
            total += weight
            cumulative.append(total)
        self._cumulative = cumulative
        self._total = total

    def pick(self, rng: Random) -> T:
        return self.items[bisect(self._cumulative, rng.random() * self._total)]


def weighted(spec: str) -> Weighted[str]:
    """``"A:3 B:1"`` -> choices A (weight 3) and B (weight 1)."""
    pairs = []
    for token in spec.split():
        name, _, weight = token.rpartition(":")
        pairs.append((name, float(weight)))
    return Weighted(pairs)


def poisson(rng: Random, lam: float) -> int:
    """Knuth's method for small means, a rounded normal approximation above 30."""
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit = math.exp(-lam)
    count = 0
    product = rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def chance(rng: Random, p: float) -> bool:
    return p > 0 and rng.random() < p


def between(rng: Random, low: int, high: int) -> int:
    """An integer in [low, high] (both inclusive); cheaper than randint."""
    return low + int(rng.random() * (high - low + 1))


class ScatteredIds:
    """Distinct ids in [0, limit) in a scattered order, so that ids say nothing about who was created together.

    A four-round Feistel permutation over the smallest even number of bits that covers the range, walked until the
    value falls inside it. Deterministic for a given key.
    """

    __slots__ = ("_bits", "_from_top", "_half", "_keys", "_limit", "_mask", "_next")

    def __init__(self, limit: int, key: int) -> None:
        self._limit = limit
        bits = max(2, (self._limit - 1).bit_length())
        bits += bits % 2
        self._bits = bits
        self._half = bits // 2
        self._mask = (1 << self._half) - 1
        keys_rng = Random(key)
        self._keys = [keys_rng.getrandbits(31) | 1 for _ in range(4)]
        self._next = 0
        self._from_top = 0  # ids taken by take_last, from the other end of the walk

    def _permute(self, value: int) -> int:
        half, mask = self._half, self._mask
        left, right = value >> half, value & mask
        for k in self._keys:
            left, right = right, left ^ ((((right * k) >> 3) ^ (right * 0x9E37 + k)) & mask)
        return (left << half) | right

    def take(self) -> int:
        if self._next + self._from_top >= self._limit:
            raise OverflowError(f"all {self._limit} ids are used")
        value = self._walk(self._next)
        self._next += 1
        return value

    def take_last(self) -> int:
        """An id from the other end of the walk: distinct from every id take() gives, and not shifting them."""
        if self._next + self._from_top >= self._limit:
            raise OverflowError(f"all {self._limit} ids are used")
        self._from_top += 1
        return self._walk(self._limit - self._from_top)

    def _walk(self, index: int) -> int:
        value = self._permute(index)
        while value >= self._limit:
            value = self._permute(value)
        return value
