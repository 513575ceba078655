"""JUnit XML, for CI systems that show test reports (GitLab ``artifacts:reports:junit``,
Jenkins, Azure Pipelines), shaped as ruff's ``junit`` output: one ``<testsuite>`` per file, one
``<testcase>`` per finding with a ``<failure>`` (its message, and ``path:line:col`` in its text),
and a file that could not be read, parsed or analysed as a test case with an ``<error>``.

Unlike ruff (which lists only files with findings, and a clean run as one "No errors found"
case), every file checked without a finding or error is a suite of one passing test case, so a
dashboard counts what passed, not only what failed, and a clean run is not an empty report
(which some CI systems treat as a failure). A run that checked no file at all is one empty
``livemigrate`` suite.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TYPE_CHECKING, Sequence

from livemigrate.report.text import location

if TYPE_CHECKING:
    from livemigrate.rule import Finding

__all__ = ["render_junit"]

# Characters XML 1.0 cannot hold even escaped (control characters a source line may contain).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _suite(parent: ET.Element, name: str, tests: int, failures: int, errors: int) -> ET.Element:
    return ET.SubElement(parent, "testsuite", name=name, tests=str(tests), failures=str(failures),
                         errors=str(errors), skipped="0")


def render_junit(findings: Sequence["Finding"], errors: Sequence[object] = (), checked: Sequence[str] = ()) -> str:
    """The JUnit XML document for ``findings``, the files' ``errors`` and a passing test case
    for each path in ``checked`` (every file the run reported on) that has neither."""
    from livemigrate.engine import InternalFileError

    by_file: dict[str, list] = defaultdict(list)
    errors_by_file: dict[str, list] = defaultdict(list)
    for finding in findings:
        by_file[finding.path].append(finding)
    for error in errors:
        errors_by_file[error.path].append(error)
    passed = set(checked) - by_file.keys() - errors_by_file.keys()
    root = ET.Element("testsuites", name="livemigrate", tests=str(len(findings) + len(errors) + len(passed)),
                      failures=str(len(findings)), errors=str(len(errors)))
    for path in sorted(by_file.keys() | errors_by_file.keys() | passed):
        file_findings, file_errors = by_file[path], errors_by_file[path]
        name = _xml(path)
        suite = _suite(root, name, len(file_findings) + len(file_errors) or 1, len(file_findings), len(file_errors))
        if path in passed:
            ET.SubElement(suite, "testcase", name="livemigrate no-findings", classname=name, file=name)
        for error in file_errors:
            kind = "internal-error" if isinstance(error, InternalFileError) else "file-error"
            case = ET.SubElement(suite, "testcase", name=f"livemigrate {kind}", classname=name, file=name)
            element = ET.SubElement(case, "error", message=_xml(error.message), type=kind)
            element.text = _xml(f"{path}: {error.message}")
        for finding in file_findings:
            where = _xml(location(finding))
            case = ET.SubElement(suite, "testcase", name=f"{finding.rule_id} {where}", classname=name,
                                 file=name, line=str(getattr(finding, "file_line", None) or finding.line))
            failure = ET.SubElement(case, "failure", message=_xml(finding.message), type=finding.rule_id)
            failure.text = _xml(f"{where}: {finding.rule_id} {finding.message}")
    if not len(root):
        _suite(root, "livemigrate", 0, 0, 0)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
