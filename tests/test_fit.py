"""Fitting the answer path's decisions (devtools/fit): how the "found" threshold is chosen."""

from __future__ import annotations

import math

import devtools.fit.__main__ as fit
from bot.qa.decide import LinearModel


def test_the_found_threshold_is_the_one_deciding_most_held_out_questions_right(monkeypatch):
    # Whatever rows it is fitted on, the model says p = sigmoid(x): the probabilities are known.
    known = LinearModel(("x",), (1.0,), 0.0, (0.0,), (1.0,))
    monkeypatch.setattr(fit, "fit_linear", lambda rows, labels, balanced=True: known)
    probabilities = [0.12, 0.22, 0.32, 0.42, 0.52, 0.62, 0.72, 0.82, 0.92] * 4
    rows = [{"x": math.log(p / (1 - p))} for p in probabilities]
    labels = [int(p > 0.3) for p in probabilities]  # the releases answer from p = 0.32 on
    assert fit.found_threshold(rows, labels) == 0.3  # 0.25 is as right; 0.3 is nearer 0.5
    labels = [int(p > 0.6) for p in probabilities]
    assert fit.found_threshold(rows, labels) == 0.55
