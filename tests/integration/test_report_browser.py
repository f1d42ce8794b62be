"""The HTML reports in a real browser (headless Chromium).

Each page's own inline script records script errors and measures every ``<svg class="chart">`` into
``<pre id="render-check">``; Chromium's ``--dump-dom`` gives the page after it ran, and its stderr log is
searched for uncaught errors and refused loads. A screenshot of each page is written to the test's
output folder (and to ``$STANCE_ARTIFACTS_DIR`` when set) for a person to look at.

Skipped when ``/usr/bin/chromium`` (or ``$STANCE_CHROMIUM``) is absent, unless
``STANCE_REQUIRE_BROWSER=1``, which makes that a failure.
"""

from __future__ import annotations

import html as htmlmod
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("STANCE_CHROMIUM", "/usr/bin/chromium")
_BAD_LOG = re.compile(r"Uncaught|Refused to (load|connect|execute|apply)|CONSOLE\(\d+\)\].*error", re.I)


def _require_browser() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    msg = f"headless Chromium not found at {CHROMIUM} (apt-get install -y chromium, or set STANCE_CHROMIUM)"
    if os.environ.get("STANCE_REQUIRE_BROWSER", "") not in ("", "0", "false", "no"):
        pytest.fail(msg + " [STANCE_REQUIRE_BROWSER is set, so this is a failure, not a skip]")
    pytest.skip(msg)


def _chromium(page: Path, profile: Path, extra: list[str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    cmd = [
        _require_browser(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        *extra,
        page.resolve().as_uri(),
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def open_in_browser(page: Path, out_dir: Path) -> dict[str, Any]:
    """Load ``page`` in headless Chromium; return the page's render check, the log's bad lines and the screenshot path."""
    profile = out_dir / "chromium-profile"
    profile.mkdir(parents=True, exist_ok=True)
    run = _chromium(page, profile, ["--window-size=1280,900", "--dump-dom"])
    assert run.returncode == 0, f"chromium failed ({run.returncode}): {run.stderr[-2000:]}"
    m = re.search(r'<pre id="render-check"[^>]*>(.*?)</pre>', run.stdout, flags=re.S)
    assert m, "the page has no render-check element: " + run.stdout[:500]
    assert m.group(1).strip(), "the page's check script did not run (render-check is empty)"
    check = json.loads(htmlmod.unescape(m.group(1)))
    height = int(min(16000, max(600, check.get("page", {}).get("height", 900) + 20)))
    shot = out_dir / f"{page.stem}-screenshot.png"
    run2 = _chromium(page, profile, [f"--window-size=1280,{height}", f"--screenshot={shot}"])
    assert run2.returncode == 0 and shot.exists(), f"no screenshot: {run2.stderr[-2000:]}"
    artifacts = os.environ.get("STANCE_ARTIFACTS_DIR")
    if artifacts:
        dest = Path(artifacts) / "report-browser"
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, dest / f"{out_dir.name}-{shot.name}")
        shutil.copy(page, dest / f"{out_dir.name}-{page.name}")
    print(f"screenshot: {shot}")
    bad = [line for line in (run.stderr + run2.stderr).splitlines() if _BAD_LOG.search(line)]
    return {"check": check, "log_errors": bad, "screenshot": shot, "dom": run.stdout}


def assert_renders(page: Path, out_dir: Path, min_charts: int) -> dict[str, Any]:
    res = open_in_browser(page, out_dir)
    check = res["check"]
    assert check["errors"] == [], f"script errors on the page: {check['errors']}"
    assert res["log_errors"] == [], f"console errors in Chromium's log: {res['log_errors']}"
    expected = page.read_text(encoding="utf-8").count('<svg class="chart')
    assert len(check["charts"]) == expected >= min_charts
    for c in check["charts"]:
        assert c["width"] > 50 and c["height"] > 20, f"chart {c['title']!r} rendered at {c['width']}x{c['height']}"
        assert c["width"] <= 1280, f"chart {c['title']!r} is wider than the window"
    assert check["page"]["width"] <= 1280, f"the page is {check['page']['width']} px wide in a 1280 px window"
    assert check["overflow"] == [], f"tables wider than their box (partly hidden) at 1280 px: {check['overflow']}"
    png = res["screenshot"].read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    return res


# ---------------------------------------------------------------------------------------------- pages
def _synthetic(labels: list[str], targets: list[str], n: int, seed: int = 0) -> dict[str, Any]:
    from stance.evaluation import stance_scores

    rng = np.random.default_rng(seed)
    gold = [str(x) for x in rng.choice(labels, n)]
    pred = [g if rng.random() < 0.7 else str(rng.choice(labels)) for g in gold]
    tg = [str(x) for x in rng.choice(targets, n)]
    preds = []
    for i in range(n):
        p = rng.dirichlet(np.ones(len(labels)))
        p[labels.index(pred[i])] += 1
        p /= p.sum()
        preds.append({"text": f"statement {i}", "target": tg[i], "gold_stance": gold[i], "stance": pred[i],
                      "stance_probabilities": dict(zip(labels, map(float, p))), "gold_sentiment": None, "sentiment": None,
                      "sentiment_probabilities": None, "flags": []})
    rep: dict[str, Any] = {"corpus": "synthetic", "split": "test", "n": n, "model": {"corpora": ["synthetic"]}, "predictions": preds}
    if n:
        rep["stance"] = stance_scores(gold, pred, tg)
    return rep


def _semeval_model(data_dir: Path) -> Any:
    import stance
    from stance.corpora import load_corpus

    return stance.train(load_corpus("semeval2016", data_dir)["train"], corpora=["semeval2016"])


@pytest.mark.data
def test_semeval_report_renders_without_errors(data_dir: Path, tmp_path: Path) -> None:
    from stance.corpora import load_corpus
    from stance.evaluation import evaluate_model, write_reports
    from stance.reporting import write_html

    _require_browser()
    model = _semeval_model(data_dir)
    report = evaluate_model(model, load_corpus("semeval2016", data_dir)["test"], corpus="semeval2016", split="test")
    write_reports(report, tmp_path)
    page = write_html(report, tmp_path)
    res = assert_renders(page, tmp_path, min_charts=8)
    titles = " ".join(c["title"] for c in res["check"]["charts"])
    for needle in ("reliability", "histogram", "confusion", "per target", "per label"):
        assert needle in titles


@pytest.mark.data
@pytest.mark.slow
def test_compare_report_renders_without_errors(data_dir: Path, tmp_path: Path) -> None:
    from stance.cli import main

    _require_browser()
    model_path = tmp_path / "semeval.stance"
    _semeval_model(data_dir).save(model_path)
    out = tmp_path / "compare"
    argv = ["compare", "--corpus", "semeval2016", "--data-dir", str(data_dir), "--model", str(model_path),
            "--baseline", "majority", "--baseline", "tfidf-svm", "--resamples", "200", "--output", str(out)]
    assert main(argv) == 0
    res = assert_renders(out / "report.html", out, min_charts=6)
    assert "Published results" in res["dom"]


@pytest.mark.parametrize(
    "name,labels,targets,n,min_charts",
    [
        ("two-labels", ["FAVOR", "AGAINST"], ["only target"], 80, 4),
        ("twenty-targets", ["FAVOR", "AGAINST", "NONE"], [f"a rather long target name number {i}" for i in range(20)], 800, 5),
        ("empty", ["FAVOR", "AGAINST", "NONE"], ["t"], 0, 0),
    ],
)
def test_report_shapes_render(name: str, labels: list[str], targets: list[str], n: int, min_charts: int, tmp_path: Path) -> None:
    from stance.reporting import write_html

    _require_browser()
    page = write_html(_synthetic(labels, targets, n), tmp_path, n_resamples=100, filename=f"{name}.html")
    res = assert_renders(page, tmp_path, min_charts=min_charts)
    if n == 0:
        assert 'id="empty-notice"' in res["dom"]


def test_compare_page_of_six_systems_fits_1280_px(tmp_path: Path) -> None:
    """Every column of the comparison tables (the difference and p last) is visible in a 1280 px window."""
    from stance.reporting.compare import compare_reports, write_comparison

    _require_browser()
    labels = ["positive", "negative", "neutral"]
    reports = {}
    for i, name in enumerate(["semeval2016", "default-linear", "majority", "tfidf-svm", "vader", "textblob"]):
        rep = _synthetic(["FAVOR", "AGAINST", "NONE"], [f"target {k}" for k in range(5)], 400, seed=1)
        rng = np.random.default_rng(i)
        for p in rep["predictions"]:
            p["gold_sentiment"] = labels[len(p["text"]) % 3]
            p["sentiment"] = p["gold_sentiment"] if rng.random() < 0.6 + i / 20 else str(rng.choice(labels))
        from stance.evaluation import sentiment_scores

        rep["sentiment"] = sentiment_scores([p["gold_sentiment"] for p in rep["predictions"]], [p["sentiment"] for p in rep["predictions"]])
        reports[name] = rep
    kinds = {n: "model" if n in ("semeval2016", "default-linear") else "baseline" for n in reports}
    comp = compare_reports(reports, reference="semeval2016", kinds=kinds, n_resamples=100)
    out = tmp_path / "compare"
    write_comparison(comp, out)
    res = assert_renders(out / "report.html", out, min_charts=6)
    assert "p</th>" in res["dom"] and 'id="summary"' in res["dom"]


def test_the_check_catches_script_errors_and_collapsed_charts(tmp_path: Path) -> None:
    """The harness itself must be able to fail: a page with an error and a zero-size chart."""
    from stance.reporting.html import page

    _require_browser()
    body = ('<svg class="chart" width="0" height="0" viewBox="0 0 10 10"><title>collapsed</title></svg>'
            '<div class="wide"><table><tr><th>too wide</th><td style="min-width:3000px">x</td></tr></table></div>'
            "<script>undefinedFunction();</script>")
    bad = tmp_path / "bad.html"
    bad.write_text(page("bad", body), encoding="utf-8")
    res = open_in_browser(bad, tmp_path)
    assert any("undefinedFunction" in e for e in res["check"]["errors"])
    assert res["check"]["charts"] == [{"title": "collapsed", "width": 0, "height": 0}]
    assert [o["first"] for o in res["check"]["overflow"]] == ["too wide"]
