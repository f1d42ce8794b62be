"""One model shared by threads gives the same predictions as one thread (the featurizer's caches are shared)."""

from __future__ import annotations

import random
import sys
import threading

import stance


def _texts(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(400)]
    return [" ".join(rng.choice(words) for _ in range(12)) + " the plan" for _ in range(n)]


def test_threads_sharing_a_model_match_one_thread() -> None:
    batches = [_texts(seed, 60) for seed in range(8)]  # mostly unseen words: every batch fills the caches
    reference = stance.load()  # a separate copy, used by one thread only
    want = [[(p.stance, p.stance_probabilities, p.sentiment_probabilities) for p in reference.predict_batch(b, "the plan")] for b in batches]

    shared = stance.load()
    got: list[list[tuple[str, object, object]]] = [[] for _ in batches]
    errors: list[BaseException] = []
    start = threading.Barrier(len(batches))

    def work(k: int) -> None:
        try:
            start.wait()
            got[k] = [(p.stance, p.stance_probabilities, p.sentiment_probabilities) for p in shared.predict_batch(batches[k], "the plan")]
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible, so that races show
    try:
        threads = [threading.Thread(target=work, args=(k,)) for k in range(len(batches))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)
    assert not errors, errors
    assert got == want
