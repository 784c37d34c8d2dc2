"""Audit requirements.txt with pip-audit: fail on a known vulnerability, warn when
the advisory service cannot be reached (pip-audit then skips packages and says
"No known vulnerabilities found", which must not pass for a clean audit).

Run by .ci/run with the venv's Python, after `pip install pip-audit`.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "audit.json"
        # Every requirement is pinned, so the pins are audited as written,
        # without building a throwaway environment.
        run = subprocess.run(  # noqa: S603 -- fixed arguments
            [sys.executable, "-m", "pip_audit", "-r", str(ROOT / "requirements.txt"),
             "--no-deps", "--disable-pip", "--progress-spinner", "off",
             "--format", "json", "--output", str(report)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if not report.exists():
            print(f"WARNING: pip-audit did not run to the end; dependencies NOT audited.\n"
                  f"{run.stderr.strip()}")  # fmt: skip
            return 0
        data = json.loads(report.read_text())
    vulnerable = [d for d in data["dependencies"] if d.get("vulns")]
    skipped = [d for d in data["dependencies"] if d.get("skip_reason")]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fix yet"
            print(f"VULNERABLE: {dep['name']}=={dep['version']}: {vuln['id']} (fixed in {fixed})")
    if skipped:
        print(f"WARNING: {len(skipped)} of {len(data['dependencies'])} pins could not be "
              f"audited (vulnerability service unreachable?), e.g. "
              f"{skipped[0]['name']}: {skipped[0]['skip_reason']}")  # fmt: skip
    if vulnerable:
        return 1
    print(f"pip-audit: no known vulnerabilities in {len(data['dependencies']) - len(skipped)} "
          "audited pins.")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
