"""The assessment's arithmetic as small pure functions: the sample size (Cochran's formula with
the finite population correction) and the Wilson score interval for a proportion.

Sample size, for a stratum of N people, a margin of error e and a confidence c:
    z  = the standard normal quantile at (1 + c) / 2          (1.959964 for c = 0.95)
    n0 = z² · p(1 − p) / e²  with p = 0.5 (the most cautious guess: the largest variance)
    n  = n0 / (1 + (n0 − 1) / N), rounded up.
Wilson score interval for x "yes" among n answers, at confidence c:
    p̂ = x / n,  k = z² · f
    centre = (p̂ + k / 2n) / (1 + k / n)
    half   = √k / (1 + k / n) · √(p̂(1 − p̂) / n + k / 4n²)
where f = (N − n) / (N − 1) is the finite population correction for a sample of n from N
people (f = 1 without it): the variance of p̂ shrinks by f, which is the same as shrinking z²
by f in the score equation the interval solves.
"""

import math
from fractions import Fraction
from statistics import NormalDist

P_CAUTIOUS = 0.5


def z_score(confidence: float) -> float:
    """The two-sided standard normal quantile for a confidence level in (0, 1)."""
    if not 0 < confidence < 1:
        raise ValueError("confidence must lie strictly between 0 and 1")
    return NormalDist().inv_cdf((1 + confidence) / 2)


def cochran_n0(margin: float, confidence: float, p: float = P_CAUTIOUS) -> float:
    """The sample size for an unlimited population, before rounding."""
    if not 0 < margin < 1:
        raise ValueError("margin must lie strictly between 0 and 1")
    return z_score(confidence) ** 2 * p * (1 - p) / margin ** 2


def sample_size(population: int, margin: float, confidence: float) -> int:
    """The sample size for `population` people: Cochran's n0 with the finite population
    correction, rounded up; 0 for nobody."""
    if population <= 0:
        return 0
    n0 = cochran_n0(margin, confidence)
    n = n0 / (1 + (n0 - 1) / population)
    # Rounding noise (1e-9) must not add a whole person.
    return math.ceil(round(n, 9))


def fpc(sample: int, population: int | None) -> float:
    """(N − n) / (N − 1), or 1 when there is no finite population to correct for."""
    if population is None or population <= 1:
        return 1.0
    return max(population - sample, 0) / (population - 1)


def wilson_interval(successes: int, n: int, confidence: float,
                    population: int | None = None) -> tuple[float, float]:
    """The Wilson score interval (low, high) for successes / n, with the finite population
    correction when `population` is given."""
    if n <= 0:
        raise ValueError("no answers")
    if not 0 <= successes <= n:
        raise ValueError("successes must lie between 0 and n")
    p = successes / n
    k = z_score(confidence) ** 2 * fpc(n, population)
    denominator = 1 + k / n
    centre = (p + k / (2 * n)) / denominator
    half = math.sqrt(k) / denominator * math.sqrt(p * (1 - p) / n + k / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def share(part: int, whole: int) -> Fraction:
    """part / whole exactly (0 for an empty whole), so thresholds compare without rounding."""
    return Fraction(part, whole) if whole else Fraction(0)
