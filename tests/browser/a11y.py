"""The two accessibility checkers the tests run, installed by `npm ci` (package.json):
axe-core inside the browser (WCAG 2.2 AA rules only) and the Nu HTML Checker (vnu) on the
HTML the server sends. Both are checkers, never served to visitors."""

import json
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# WCAG 2.0, 2.1 and 2.2, levels A and AA: the portal's commitment. axe's "best-practice"
# rules are advice beyond the standard and left out on purpose.
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def missing_checkers() -> list[str]:
    """What the accessibility tests need and this machine lacks (empty: all there)."""
    missing = []
    if shutil.which("java") is None:
        missing.append("java (apt-get install default-jre-headless)")
    for path in (AXE_SCRIPT, VNU_JAR):
        if not path.exists():
            missing.append(f"{path.relative_to(settings.BASE_DIR)} (npm ci)")
    return missing


def axe_violations(page) -> list[dict]:
    """Runs axe-core on the page as it is now. The page's browser context must have been
    opened with bypass_csp=True: Playwright adds the script inline, which the site's
    Content-Security-Policy (rightly) refuses."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return {
                rulesPassed: results.passes.length,
                violations: results.violations.map((violation) => ({
                    id: violation.id,
                    impact: violation.impact,
                    help: violation.help,
                    targets: violation.nodes.map((node) => node.target.join(" ")),
                    summary: violation.nodes.map((node) => node.failureSummary)[0] || "",
                })),
            };
        }""",
        WCAG_AA_TAGS,
    )
    # No rule applied at all means axe looked at nothing (an empty or broken page).
    assert results["rulesPassed"] or results["violations"], f"axe checked nothing on {page.url}"
    return results["violations"]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    at {target}" for target in violation["targets"][:10])
        if violation["summary"]:
            lines.append("    " + violation["summary"].replace("\n", "\n    "))
    return "\n".join(lines)


def vnu_errors(documents: dict[str, str], folder: Path) -> dict[str, list[dict]]:
    """The Nu HTML Checker's errors for each named HTML document, checked in one run (one
    Java start-up for every page). Returns name -> errors (an empty list when valid)."""
    files = {}
    for name, html in documents.items():
        path = folder / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path.resolve())] = name
    command = [shutil.which("java"), "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
    completed = subprocess.run(  # noqa: S603 - fixed program, our own temporary files
        [*command, *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # vnu writes its JSON report to stderr (always, "messages": [] when all is valid) and
    # exits 1 when it found errors; anything else means it did not run.
    if completed.returncode not in (0, 1):
        raise RuntimeError(f"vnu exited {completed.returncode}: {completed.stderr[-2000:]}")
    report = json.loads(completed.stderr)
    errors = {name: [] for name in documents}
    for message in report["messages"]:
        # Each message names its file as "file:/absolute/path".
        name = files.get(message.get("url", "").removeprefix("file:"))
        if name is None:  # a message about no particular file: the run itself failed
            raise RuntimeError(f"vnu: {message}")
        errors[name].append(message)
    return errors


def language_of(element) -> str:
    """The language an element of a parsed page (lxml) is in, as a screen reader decides
    it: the ``lang`` of the element or of its nearest ancestor that has one ("" if none)."""
    for holder in (element, *element.iterancestors()):
        language = holder.get("lang")
        if language is not None:
            return language.split("-")[0].lower()
    return ""


def describe_vnu_errors(errors: list[dict]) -> str:
    return "\n".join(
        f"line {error.get('lastLine', '?')}: {error['message']}\n"
        f"    {error.get('extract', '').strip()}"
        for error in errors
    )
