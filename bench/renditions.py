"""Benchmark: time and peak memory to render the full rendition set of one 24-megapixel JPEG.

    .venv/bin/python bench/renditions.py [--runs 5]
    .venv/bin/python bench/renditions.py --cpus 1     # the same, confined to one CPU

Not a test: it prints figures for the docs. The photo (6000 × 4000, a
gradient with noise so it compresses like a real one) is generated once into
bench/out/. Each run is a fresh process, so its peak resident memory is its own:
reported as the growth over the process's size before the photo was opened.
Only Pillow work is measured (decode, orientation, colour, resize, encode), not
storage or the database: the wall time of the decode (`prepare`) and of the
resizes and encodes (`render`, in threads), and the CPU time of all of it (every
thread's; on a busy machine it is the steadier figure). `--cpus N` confines
each run to N CPUs (Linux), as a worker pinned to fewer cores would run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHOTO = ROOT / "bench" / "out" / "24mp.jpg"
SIZE = (6000, 4000)


def make_photo() -> None:
    from PIL import Image

    gradient = Image.linear_gradient("L").resize(SIZE).convert("RGB")
    noise = Image.effect_noise(SIZE, 48).convert("RGB")
    tinted = Image.merge(
        "RGB",
        (
            gradient.getchannel(0),
            noise.getchannel(0),
            gradient.getchannel(0).point(lambda v: 255 - v),
        ),
    )
    PHOTO.parent.mkdir(parents=True, exist_ok=True)
    Image.blend(tinted, noise, 0.25).save(PHOTO, "JPEG", quality=90)


def peak_rss_mib() -> float:
    """This process's peak resident memory (VmHWM). Not ru_maxrss: Linux carries
    that over from the parent across exec, so it would report the parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status (Linux only)")


def render_once(cpus: int | None) -> dict:
    """In a child process: render every spec in every format; report time and memory."""
    if cpus:
        os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:cpus])
    sys.path.insert(0, str(ROOT))
    from articles.photos.render import prepare, render
    from articles.photos.specs import FORMATS, specs_for

    specs = specs_for(*SIZE)
    before = peak_rss_mib()
    start, start_cpu = time.perf_counter(), time.process_time()
    with PHOTO.open("rb") as fh:
        picture = prepare(fh, specs=specs)
    decoded = time.perf_counter()
    made = list(render(picture, {spec: FORMATS for spec in specs}))
    end = time.perf_counter()
    peak = peak_rss_mib()
    return {
        "seconds": end - start,
        "decode": decoded - start,
        "render": end - decoded,
        "cpu": time.process_time() - start_cpu,
        "peak_mib": peak - before,
        "renditions": len(made),
        "bytes": sum(len(r.content) for r in made),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cpus", type=int, help="confine each run to this many CPUs")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(render_once(args.cpus)))
        return
    if not PHOTO.exists():
        make_photo()
    results = []
    for _ in range(args.runs):
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                *(["--cpus", str(args.cpus)] if args.cpus else []),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        results.append(json.loads(out.stdout))
    seconds = [r["seconds"] for r in results]
    print(f"photo: {PHOTO.name}, {SIZE[0]} × {SIZE[1]} ({PHOTO.stat().st_size / 1e6:.1f} MB)")
    print(f"renditions: {results[0]['renditions']} ({results[0]['bytes'] / 1e6:.2f} MB in all)")
    runs = ", ".join(f"{s:.2f}" for s in seconds)
    cpus = len(os.sched_getaffinity(0)) if args.cpus is None else args.cpus
    print(f"CPUs: {cpus}; load average before: {os.getloadavg()[0]:.1f}")
    print(f"time: median {statistics.median(seconds):.2f} s (runs: {runs})")
    for part in ("decode", "render", "cpu"):
        print(f"  {part}: median {statistics.median(r[part] for r in results):.2f} s")
    print(f"peak memory growth: {max(r['peak_mib'] for r in results):.0f} MiB")


if __name__ == "__main__":
    main()
