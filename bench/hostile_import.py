"""Benchmark: how long reading hostile ninjs copy takes, with the old backtracking patterns and now.

Run by hand from the repository root (not part of the test suite):

    .venv/bin/python bench/hostile_import.py                 # 20 KB, 200 KB, 1 MB
    .venv/bin/python bench/hostile_import.py --timeout 600   # let "before" finish at 1 MB

For each adversarial field (a byline of "<", a body of unclosed <body>, <head>,
<?xml …) it times the importer's patterns as they were before the fix (kept
here, verbatim) and the mapping as it is now (`articles.ninjs.mapping`), and the whole
read-and-map of a 16 MB NDJSON line through `articles.ninjs.reader`. A "before"
run is a child process stopped after --timeout seconds ("> N s"): the old
patterns are quadratic, a 1 MB field takes minutes.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = {"20 KB": 20_000, "200 KB": 200_000, "1 MB": 1_000_000}

# The backtracking patterns articles/ninjs/mapping.py used to have, kept to show what they cost.
BEFORE = {
    "tags": (re.compile(r"<[^>]*>"), "sub"),
    "body": (re.compile(r"<body\b[^>]*>(.*)</body\s*>", re.IGNORECASE | re.DOTALL), "search"),
    "head": (re.compile(r"<head\b.*?</head\s*>", re.IGNORECASE | re.DOTALL), "sub"),
    "prologue": (re.compile(r"<\?xml.*?\?>|<!DOCTYPE[^>]*>", re.IGNORECASE | re.DOTALL), "sub"),
    "nitf": (re.compile(r"<body\.content\b[^>]*>(.*)</body\.content\s*>", re.DOTALL), "search"),
}
# (field, what the "before" patterns did with it, the hostile unit repeated)
CASES = [
    ("by: '<' repeated", ("tags",), "<"),
    ("body: unclosed <body>", ("body",), "<body>"),
    ("body: unclosed <head", ("body", "prologue", "head"), "<head"),
    ("body: unclosed <?xml", ("body", "prologue", "head"), "<?xml"),
    ("NITF: unclosed <body.content>", ("nitf",), "<body.content>"),
]


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import django

    django.setup()
    from articles.ninjs import mapping as ninjs  # noqa: F401 - imported before anything is timed


def run_before(names: tuple[str, ...], text: str) -> None:
    for name in names:
        pattern, how = BEFORE[name]
        if how == "sub":
            pattern.sub(" ", text)
        else:
            pattern.search(text)


def run_after(case: str, text: str) -> None:
    from articles.ninjs import mapping as ninjs

    if case.startswith("by"):
        ninjs._plain(text)
    elif case.startswith("NITF"):
        ninjs.nitf_content(text)
    else:
        ninjs.html_document_content(text)


def _child(names, text, queue) -> None:
    start = time.perf_counter()
    run_before(names, text)
    queue.put(time.perf_counter() - start)


def time_before(names: tuple[str, ...], text: str, timeout: float) -> str:
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=_child, args=(names, text, queue))
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.terminate()
        child.join()
        return f"> {timeout:.0f} s"
    return f"{queue.get():.3f} s"


def time_after(case: str, text: str) -> str:
    start = time.perf_counter()
    run_after(case, text)
    return f"{time.perf_counter() - start:.3f} s"


def time_big_line() -> str:
    """Reading a file whose second line is a 16 MB document: refused, and how fast."""
    from articles.ninjs.reader import ReadProblem, read_paths

    doc = {"uri": "urn:bench:x", "language": "en", "headlines": [{"value": "x"}], "by": ""}
    base = len(json.dumps(doc))
    doc["by"] = "<" * (16 * 1024 * 1024 - 100 - base)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.ndjson"
        path.write_text('{"uri": "urn:bench:ok"}\n' + json.dumps(doc) + "\n")
        start = time.perf_counter()
        items = list(read_paths([str(path)]))
        elapsed = time.perf_counter() - start
    problem = next(item for item in items if isinstance(item, ReadProblem))
    return f"{elapsed:.3f} s ({problem.where}: {problem.message})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--timeout", type=float, default=60, help="seconds a 'before' run may take (default 60)"
    )
    args = parser.parse_args()
    setup_django()
    print(f"{'field':<32} {'size':>7} {'before':>12} {'after':>9}")
    for case, names, unit in CASES:
        for label, size in SIZES.items():
            text = unit * (size // len(unit))
            before = time_before(names, text, args.timeout)
            print(f"{case:<32} {label:>7} {before:>12} {time_after(case, text):>9}", flush=True)
    print(f"16 MB NDJSON line, read and refused: {time_big_line()}")


if __name__ == "__main__":
    main()
