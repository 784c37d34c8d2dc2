"""Debian's Chromium for the browser tests (Playwright's own download does not work here)."""

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
MISSING = "Chromium is not installed (apt-get install chromium; .ci/run does)"
# Headless as root, and quiet: without the networking flags Chromium keeps
# trying hosts this closed machine cannot reach.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
