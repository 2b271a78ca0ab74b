"""Range checks for the settings dataclasses, called from their ``__post_init__``.

A value outside its range would otherwise crash every article (a negative number of
permutations, a seed numpy refuses) or silently do nothing (a probability of 5): it is refused
when the configuration is read, with a message naming the setting. NaN is outside every range.
"""

from __future__ import annotations


def at_least(section: str, config: object, low: float, *names: str) -> None:
    """Each setting ``names`` of ``config`` is ``low`` or more."""
    for name in names:
        value = getattr(config, name)
        if not value >= low:
            raise ValueError(f"{section}.{name} must be at least {low}, not {value!r}")


def above(section: str, config: object, low: float, *names: str) -> None:
    """Each setting ``names`` of ``config`` is more than ``low``."""
    for name in names:
        value = getattr(config, name)
        if not value > low:
            raise ValueError(f"{section}.{name} must be more than {low}, not {value!r}")


def between(section: str, config: object, low: float, high: float, *names: str) -> None:
    """Each setting ``names`` of ``config`` lies in [low, high]."""
    for name in names:
        value = getattr(config, name)
        if not low <= value <= high:
            raise ValueError(f"{section}.{name} must be between {low} and {high}, not {value!r}")
