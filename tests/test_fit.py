"""Fitting the answer path's decisions (devtools/fit): how the "found" threshold is chosen."""

from __future__ import annotations

import math
from collections import Counter

import devtools.fit.__main__ as fit
from bot.qa.decide import LinearModel


def test_the_found_threshold_is_the_one_deciding_most_held_out_questions_right(monkeypatch):
    # Whatever rows it is fitted on, the model says p = sigmoid(x): the probabilities are known.
    known = LinearModel(("x",), (1.0,), 0.0, (0.0,), (1.0,))
    monkeypatch.setattr(fit, "fit_linear", lambda rows, labels, balanced=True: known)
    probabilities = [0.12, 0.22, 0.32, 0.42, 0.52, 0.62, 0.72, 0.82, 0.92] * 4
    rows = [{"x": math.log(p / (1 - p))} for p in probabilities]
    labels = [int(p > 0.3) for p in probabilities]  # the releases answer from p = 0.32 on
    questions = [f"q{i}" for i in range(len(rows))]
    assert fit.found_threshold(rows, labels, questions) == 0.3  # 0.25 is as right; 0.3 is nearer 0.5
    labels = [int(p > 0.6) for p in probabilities]
    assert fit.found_threshold(rows, labels, questions) == 0.55


def test_a_question_and_its_variants_are_held_out_together(monkeypatch):
    fitted = []

    def record(rows, labels, balanced=True):
        fitted.append(Counter(row["q"] for row in rows))
        return LinearModel(("x",), (1.0,), 0.0, (0.0,), (1.0,))

    monkeypatch.setattr(fit, "fit_linear", record)
    questions = [f"q{i // 2}" for i in range(40)]  # each question with one variant
    rows = [{"x": 0.0, "q": name} for name in questions]
    fit.found_threshold(rows, [i % 2 for i in range(40)], questions)
    assert len(fitted) == fit.THRESHOLD_REPEATS * fit.FOLDS
    for rows_of in fitted:  # every fold fits on both rows of a question, or on neither
        assert set(rows_of.values()) == {2} and len(rows_of) == 20 - 20 // fit.FOLDS
