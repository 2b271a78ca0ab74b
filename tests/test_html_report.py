"""The HTML report: what the page says, that it needs no network, and that it renders in Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from html import escape
from pathlib import Path

import pytest

from cleaner import clean_folder, gate, html_report

from . import gate_fixture
from .gate_fixture import fixture_removals  # noqa: F401  (pytest fixture)

pytestmark = pytest.mark.usefixtures("fixture_removals")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def fixture_page() -> str:
    result = gate_fixture.run_result()
    return html_report.from_run(result, gate_fixture.CONFIG, gate.evaluate(result, gate_fixture.CONFIG, "drop"))


def count(page: str, key: str) -> str:
    match = re.search(rf'data-count="{key}">([^<]*)<', page)
    assert match, key
    return match.group(1)


def test_numbers_at_a_glance() -> None:
    page = fixture_page()
    expected = {"articles": "6", "failed": "1", "lines_removed": "4", "garbled": "1", "errors": "4", "warnings": "4", "verdict": "FAIL"}
    assert {key: count(page, key) for key in expected} == expected


def test_removed_lines_are_struck_through_with_their_reason() -> None:
    page = fixture_page()
    assert re.search(r"<del>Photo: City Hall</del></td><td class=\"r\"><span class=\"finding\">boilerplate/caption: caption line", page)
    assert "<del>Budget passes</del>" not in page  # kept lines are not struck


def test_worst_articles_come_first() -> None:
    ids = re.findall(r'<details class="article" id="a\d+" data-id="([^"]+)"', fixture_page())
    assert ids == ["wire-17", "mojibake-story", "garbled-story", "stub", "agency/furniture", "agency/clean-story"]


def test_charts_show_boilerplate_classes_languages_and_garble_scores() -> None:
    page = fixture_page()
    for label in ("caption: 1", "byline: 1", "en: 5", "fr: 1", "0.8–0.9: 1"):
        assert f"<title>{label}</title>" in page
    assert page.count("nothing to show: not evaluated or none found") == 2  # no duplicate or event groups


def test_page_is_self_contained_and_escapes_article_text() -> None:
    result = gate_fixture.run_result()
    result.documents[0].lines[0] = '<script>alert("x")</script>'
    page = html_report.from_run(result, gate_fixture.CONFIG)
    assert '<script>alert("x")' not in page and escape('<script>alert("x")</script>') in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert "default-src 'none'" in page  # the browser itself refuses any fetch


def test_page_from_output_needs_src_for_every_line(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("A title\n\nFirst paragraph of the story.\n", encoding="utf-8")
    (src / "b.txt").write_text("B title\n\nAnother story.\n", encoding="utf-8")
    dst = tmp_path / "dst"
    clean_folder(src, dst, gate_fixture.CONFIG, workers=1)
    with_src = html_report.from_output(dst, src)
    assert "First paragraph of the story." in with_src and "changed in SRC" not in with_src
    (src / "b.txt").write_text("B title\n\nEdited since the run.\n", encoding="utf-8")
    changed = html_report.from_output(dst, src)
    assert "1 article(s) changed in SRC" in changed and "Edited since the run." not in changed
    assert "First paragraph of the story." not in html_report.from_output(dst)


def render_in_chromium(page: Path, tmp_path: Path) -> tuple[str, list[str]]:
    """The DOM after scripts ran, and the console messages the page logged."""
    assert CHROMIUM is not None
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
        "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    return done.stdout, console


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")
def test_page_renders_in_chromium_without_console_errors(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(fixture_page(), encoding="utf-8")
    dom, console = render_in_chromium(page, tmp_path)
    assert console == []
    assert '<span id="js-status">6 of 6 articles shown</span>' in dom  # the script ran to the end
    assert count(dom, "articles") == "6" and count(dom, "errors") == "4" and count(dom, "warnings") == "4"
    assert dom.count('<details class="article"') == 6


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")
def test_the_browser_check_catches_a_broken_page(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text(fixture_page().replace("var status = ", "var status = missingFunction() || "), encoding="utf-8")
    dom, console = render_in_chromium(page, tmp_path)
    assert any("Uncaught ReferenceError" in line for line in console)
    assert '<span id="js-status"></span>' in dom
