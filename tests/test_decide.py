"""What the 'found' decision weighs, computed from rankings and sentences without a model or an index."""

from bot.qa.decide import found_features
from bot.qa.extract import sentence_values
from bot.qa.retrieve import ReleaseCandidate, Retrieval, SentenceCandidate
from bot.qa.understand import understand
from index.catalog import Release
from index.chunking import Chunk
from index.retrieval import ReleaseFacts

NO_FACTS = ReleaseFacts(*[frozenset()] * 7)
RELEASE_FEATURES = {"coverage": 1.0, "same_language": 1.0, "missing_weight": 0.0}


def features_for(question: str, *texts: str) -> dict[str, float]:
    plan = understand(question)
    release = Release("docs/a.txt", "h", "t", "2024-01-01", None, None, "en", 1)
    candidate = ReleaseCandidate(
        release.source, release, NO_FACTS, dict(RELEASE_FEATURES), list(range(len(texts)))
    )
    wanted = [k for k in plan.wants if k in ("count", "amount", "percent")]
    sentences = []
    for n, text in enumerate(texts):
        values = sentence_values(text, "en")
        type_none = float(bool(wanted) and not any(v.kind in wanted for v in values))
        features = {"type_none": type_none, "counted_asked": 0.0, "counted_match": 0.0, "coverage": 1.0}
        sentences.append(
            SentenceCandidate(
                n, Chunk(f"c{n}", release.source, n, text, 0, len(text), 1, 1), release, values, features
            )
        )
    return found_features(Retrieval(plan, [candidate], {}, {}), [candidate], sentences)


def test_a_release_stating_the_figure_only_as_a_running_tally_is_a_near_miss():
    tally = "During the previous five fairs, 1,033 projects were signed."
    event = "The sixth fair opened in Chongqing on May 23."
    assert (
        features_for("how many projects did the 6th fair sign?", event, tally)["figure_only_running"] == 1.0
    )
    own = "The sixth fair signed 145 projects."
    assert (
        features_for("how many projects did the 6th fair sign?", event, tally, own)["figure_only_running"]
        == 0.0
    )
    assert features_for("how many projects were signed so far?", event, tally)["figure_only_running"] == 0.0
    assert "figure_only_running" not in features_for("who opened the 6th fair?", event, tally)
