"""The assessment's arithmetic against hand computations written out in full."""

import math

import pytest

from vanguard.assessments import statistics

Z95 = 1.959964  # the standard normal quantile at 0.975, to six decimals


def test_the_z_score_for_95_percent_is_1_96():
    assert statistics.z_score(0.95) == pytest.approx(Z95, abs=1e-6)


def test_cochrans_size_for_5_percent_at_95_percent_is_384_14():
    # n0 = z² · 0.5 · 0.5 / 0.05² = 3.841459 · 0.25 / 0.0025 = 384.1459
    assert statistics.cochran_n0(0.05, 0.95) == pytest.approx(384.1459, abs=1e-4)


def test_the_finite_population_correction_shrinks_the_size_for_1000_people_to_278():
    # n = 384.1459 / (1 + 383.1459 / 1000) = 384.1459 / 1.3831459 = 277.73 → 278
    assert statistics.sample_size(1000, 0.05, 0.95) == 278


def test_a_stratum_of_30_at_20_percent_needs_14():
    # n0 = 3.841459 · 0.25 / 0.04 = 24.0091; n = 24.0091 / (1 + 23.0091 / 30) = 13.58 → 14
    assert statistics.sample_size(30, 0.2, 0.95) == 14


def test_a_small_stratum_at_5_percent_needs_everyone():
    # n = 384.1459 / (1 + 383.1459 / 20) = 19.06 → 20: the whole stratum
    assert statistics.sample_size(20, 0.05, 0.95) == 20
    assert statistics.sample_size(0, 0.05, 0.95) == 0


def test_wilson_interval_for_40_of_50_matches_the_hand_computation():
    # p̂ = 0.8, k = z² = 3.841459, k/n = 0.07682918, denominator = 1.07682918
    # centre = (0.8 + 3.841459/100) / 1.07682918 = 0.838414588 / 1.07682918 = 0.778596
    # half   = 1.959964 / 1.07682918 · √(0.8·0.2/50 + 3.841459/10000)
    #        = 1.820125 · √0.003584146 = 1.820125 · 0.0598677 = 0.108966
    # interval = 0.778596 ∓ 0.108966 = (0.669630, 0.887562)
    low, high = statistics.wilson_interval(40, 50, 0.95)
    assert low == pytest.approx(0.669630, abs=2e-6)
    assert high == pytest.approx(0.887562, abs=2e-6)


def test_wilson_interval_with_the_finite_population_correction_matches_the_hand_computation():
    # 50 answers from a stratum of 200: f = (200 − 50) / (200 − 1) = 150/199 = 0.7537688
    # k = 3.841459 · 0.7537688 = 2.895572, k/n = 0.05791144, denominator = 1.05791144
    # centre = (0.8 + 2.895572/100) / 1.05791144 = 0.82895572 / 1.05791144 = 0.783578
    # half   = √2.895572 / 1.05791144 · √(0.0032 + 2.895572/10000)
    #        = 1.701638 / 1.05791144 · √0.00348956 = 1.608489 · 0.0590725 = 0.095017
    # interval = (0.688561, 0.878595): narrower than without the correction
    assert statistics.fpc(50, 200) == pytest.approx(150 / 199)
    low, high = statistics.wilson_interval(40, 50, 0.95, population=200)
    assert low == pytest.approx(0.688561, abs=2e-6)
    assert high == pytest.approx(0.878595, abs=2e-6)


def test_a_census_has_an_interval_of_no_width():
    low, high = statistics.wilson_interval(7, 10, 0.95, population=10)
    assert low == pytest.approx(0.7) and high == pytest.approx(0.7)


def test_the_interval_stays_inside_0_and_1():
    assert statistics.wilson_interval(0, 5, 0.95)[0] == 0.0
    assert statistics.wilson_interval(5, 5, 0.95)[1] == pytest.approx(1.0)
    assert not math.isnan(statistics.wilson_interval(5, 5, 0.95)[0])


@pytest.mark.parametrize("bad", [(1, 0), (6, 5), (-1, 5)])
def test_impossible_counts_are_refused(bad):
    with pytest.raises(ValueError):
        statistics.wilson_interval(bad[0], bad[1], 0.95)
