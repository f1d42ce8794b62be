"""`import stance` is quick: the public names are imported on first use (PEP 562), and extraction alone never imports
scikit-learn (issue 21). Import time itself is measured by benchmarks/bench_import.py, not here."""

from __future__ import annotations

import subprocess
import sys

import pytest

import stance


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_import_stance_does_not_import_scikit_learn_or_the_model() -> None:
    out = _run("import sys, stance; print(sorted(m for m in ('sklearn', 'scipy', 'stance.model', 'stance.api') if m in sys.modules))")
    assert out == "[]"


def test_extraction_alone_does_not_import_scikit_learn() -> None:
    out = _run(
        "import sys, stance\n"
        "s = stance.extract_statements('Ana Ruiz said the plan would fail.')\n"
        "print(len(s), 'sklearn' in sys.modules)"
    )
    assert out == "1 False"


def test_the_stance_extract_command_does_not_import_scikit_learn(tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Ana Ruiz said the plan would fail.", encoding="utf-8")
    out = _run(
        "import contextlib, io, sys\n"
        "from stance.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main(['extract', {str(article)!r}])\n"
        "print(code, 'sklearn' in sys.modules)"
    )
    assert out == "0 False"


@pytest.mark.parametrize("name", stance.__all__)
def test_every_public_name_resolves_to_its_module_object(name: str) -> None:
    value = getattr(stance, name)
    assert value is not None
    assert name in dir(stance)


def test_public_names_are_the_objects_of_their_modules() -> None:
    from stance.api import load
    from stance.model import StanceModel

    assert stance.load is load and stance.StanceModel is StanceModel


def test_not_fitted_error_is_also_scikit_learns() -> None:
    from sklearn.exceptions import NotFittedError

    from stance.exceptions import NotFittedError as Ours

    assert stance.NotFittedError is Ours and issubclass(Ours, NotFittedError) and issubclass(Ours, stance.StanceError)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        stance.nope  # noqa: B018
