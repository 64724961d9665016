import pytest

from newsweave.evaluate.bcubed import bcubed


def test_perfect_and_singletons():
    gold = {"a": 1, "b": 1, "c": 2, "d": 2}
    assert bcubed(gold, gold).f1 == pytest.approx(1.0)
    single = bcubed({k: k for k in gold}, gold)
    assert single.precision == 1.0
    assert single.recall == pytest.approx(0.5)


def test_all_in_one_cluster():
    gold = {"a": 1, "b": 1, "c": 2, "d": 2}
    s = bcubed({k: 0 for k in gold}, gold)
    assert s.recall == 1.0
    assert s.precision == pytest.approx(0.5)


def test_hand_computed_mixed_case():
    # predicted {a,b,c} {d}; gold {a,b} {c,d}
    s = bcubed({"a": 0, "b": 0, "c": 0, "d": 1}, {"a": 1, "b": 1, "c": 2, "d": 2})
    assert s.precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert s.recall == pytest.approx((1 + 1 + 1 / 2 + 1 / 2) / 4)


def test_missing_prediction_is_an_error():
    with pytest.raises(ValueError, match="no prediction"):
        bcubed({"a": 1}, {"a": 1, "b": 2})
