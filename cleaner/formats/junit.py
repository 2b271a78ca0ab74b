"""``--format junit``: JUnit XML with one test case per article (and one per failed input).

An article fails when it has an error that is not baselined; its errors are the failure's text,
its warnings and baselined violations go to ``system-out``. No timestamps, so output is stable.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import groupby

from cleaner import policy
from cleaner.gate import Outcome

# Characters XML 1.0 cannot hold even escaped; a file name or a quoted line may contain them.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(outcome: Outcome, quiet: bool = False) -> str:
    by_article = {
        article: list(items) for article, items in groupby(outcome.violations, key=lambda v: v.article)
    }
    suite_name = f"cleaner check {outcome.src}"
    suites = ET.Element("testsuites", name="cleaner check")
    suite = ET.SubElement(suites, "testsuite", name=suite_name)
    failures = 0
    for article in outcome.articles:
        path = outcome.display_path(article.path)
        case = ET.SubElement(suite, "testcase", classname=path, name=article.id, file=path)
        violations = by_article.get(article.id, [])
        errors = [v for v in violations if v.severity == "error" and not v.baselined]
        if errors:
            failures += 1
            rules = ", ".join(dict.fromkeys(v.rule for v in errors))
            failure = ET.SubElement(case, "failure", type="policy", message=f"{len(errors)} error(s): {rules}")
            failure.text = "\n".join(_line(v) for v in errors)
        others = [v for v in violations if v not in errors]
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(_line(v) for v in others)
    for failed in outcome.failures:
        path = outcome.display_path(failed.path)
        name = f"{path}:{failed.line}" if failed.line else path
        case = ET.SubElement(suite, "testcase", classname=path, name=name, file=path)
        ET.SubElement(case, "error", type="input_failed", message=failed.reason)
    tests = len(outcome.articles) + len(outcome.failures)
    for element in (suites, suite):
        element.set("tests", str(tests))
        element.set("failures", str(failures))
        element.set("errors", str(len(outcome.failures)))
    suite.set("skipped", "0")
    ET.indent(suites)
    xml = NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", ET.tostring(suites, encoding="unicode"))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"


def _line(v: policy.Violation) -> str:
    where = f"line {v.line}" if v.line is not None else "article"
    state = " (baselined)" if v.baselined else ""
    return f"{v.severity}{state} {v.rule} at {where}: {v.message}"
