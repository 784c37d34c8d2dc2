"""Benchmark: article pages per second under gunicorn, against the floor (issue #7).

Run by hand from the repository root (not part of the test suite):

    .venv/bin/python bench/throughput.py                  # 500 articles × 14 languages
    .venv/bin/python bench/throughput.py --articles 50 --requests 500   # a quicker look

1. Builds `--articles` articles × 14 languages with bench/dataset.py (600-word
   bodies, `--photos` distinct small JPEGs shared round-robin, each with its
   rendition set, imported with `manage.py import_ninjs --publish`) into a
   throwaway SQLite database, compiles the catalogs and collects static files
   into the same temporary folder.
2. Starts three gunicorns (`--workers` sync workers each, default 2) on free
   127.0.0.1 ports against that database, DEBUG off, a generated secret key,
   ALLOWED_HOSTS=127.0.0.1: **uncached** (PAGE_CACHE=false: every page
   rendered, database warm), **cached** (the page cache on, in Redis at
   `--cache-url`, flushed first, warmed with every URL of the set once, so the
   measured requests are hits as they would be for a story read thousands of
   times; a worker's own local memory would need each URL warmed on each
   worker) and **the floor** (bench/floor.py: a bare Django view returning a
   fixed page as large as the average article page). Each gets `--warmup`
   unmeasured requests first.
3. Sends `--requests` GETs to each from `--concurrency` threads (http.client,
   one connection a request as gunicorn's sync workers close them) to random
   article URLs in random languages, in `--rounds` turns: each server in turn
   gets the same slice of the URLs, round after round, so that a machine whose
   speed drifts meets all three alike. Prints requests/s, p50/p95/p99 latency
   and errors of each over all its rounds, the ratios to the floor, and each
   worker's peak resident memory (VmHWM).

gunicorn is always stopped (finally), every phase is time-bound, and the
temporary folder is removed (unless --keep).
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import dataset  # noqa: E402

HOST = "127.0.0.1"
REQUEST_TIMEOUT = 10.0  # seconds, per request
START_TIMEOUT = 30.0  # seconds for gunicorn to answer


# --------------------------------------------------------------------- data


def build_site(workdir: Path, articles: int, photos: int, words: int) -> list[str]:
    """bench/dataset.py's site (import, renditions, URL list), catalogs, static; its URLs."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("compile_catalogs", verbosity=0, stdout=open(os.devnull, "w"))
    call_command("collectstatic", "--noinput", verbosity=0)
    manifest = dataset.build(workdir, articles, photos, words, quiet=True)
    count = manifest["language_versions"]
    print(
        f"site: {count} language versions imported, {manifest['public_urls']} public article "
        f"URLs, {photos} distinct photos, built in {manifest['seconds']['total']:.0f} s"
    )
    if manifest["public_urls"] != count:
        raise SystemExit(f"expected {count} public article URLs, found {manifest['public_urls']}")
    return dataset.read_urls(workdir)


# ------------------------------------------------------------------ server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(app: str, env: dict, workers: int, log: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", app,
        "--bind", f"{HOST}:{port}",
        "--workers", str(workers),
        "--chdir", str(ROOT),
        "--timeout", "30",
        "--log-level", "warning",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=log.open("ab"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited ({process.returncode}):\n{log.read_text()[-3000:]}"
                )
            try:
                connection = http.client.HTTPConnection(HOST, port, timeout=2)
                connection.request("GET", "/")
                connection.getresponse().read()
                connection.close()
                if len(worker_pids(process.pid)) >= workers:
                    return process, port
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {START_TIMEOUT:.0f} s")
    except BaseException:
        stop_gunicorn(process)  # not left running when it never came up
        raise


def stop_gunicorn(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)  # the master stops its workers
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        for pid in worker_pids(process.pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        process.kill()
        process.wait(timeout=5)


def worker_pids(master: int) -> list[int]:
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return []
    return [int(pid) for pid in children]


def peak_rss_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


# ------------------------------------------------------------------- load


def fetch(port: int, path: str) -> tuple[int, int]:
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "identity"})
        response = connection.getresponse()
        body = response.read()
        return response.status, len(body)
    finally:
        connection.close()


def load(port: int, paths: list[str], concurrency: int, budget: float) -> dict:
    """GET every path once, `concurrency` at a time; stop early after `budget` seconds."""
    latencies: list[float] = []
    errors: list[str] = []
    sizes: list[int] = []
    lock = threading.Lock()
    position = iter(range(len(paths)))
    deadline = time.monotonic() + budget

    def worker() -> None:
        while time.monotonic() < deadline:
            with lock:
                index = next(position, None)
            if index is None:
                return
            started = time.perf_counter()
            try:
                status, size = fetch(port, paths[index])
                outcome = None if status == 200 else f"HTTP {status} {paths[index]}"
            except Exception as error:  # noqa: BLE001 - every failure is counted
                outcome, size = f"{type(error).__name__}: {error}", 0
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                sizes.append(size)
                if outcome:
                    errors.append(outcome)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()) + REQUEST_TIMEOUT + 1)
    wall = time.perf_counter() - started
    return summary(latencies, sizes, errors, wall, expected=len(paths))


def summary(
    latencies: list[float], sizes: list[int], errors: list[str], wall: float, expected: int
) -> dict:
    """Requests/s, percentiles and errors of requests that took `wall` seconds in all."""
    ordered = sorted(latencies)
    done = len(ordered)

    def percentile(p: float) -> float:
        return ordered[min(done - 1, int(round(p / 100 * (done - 1))))] * 1000 if done else 0.0

    return {
        "requests": done,
        "latencies": latencies,
        "sizes": sizes,
        "error_list": errors,
        "expected": expected,
        "wall": wall,
        "rps": done / wall if wall else 0.0,
        "p50": percentile(50),
        "p95": percentile(95),
        "p99": percentile(99),
        "errors": len(errors),
        "error_sample": errors[:3],
        "mean_bytes": statistics.fmean(sizes) if sizes else 0.0,
        "timed_out": done < expected,
    }


def combine(parts: list[dict]) -> dict:
    """One server's results over every round, as if measured in one go."""
    return summary(
        [value for part in parts for value in part["latencies"]],
        [size for part in parts for size in part["sizes"]],
        [error for part in parts for error in part["error_list"]],
        sum(part["wall"] for part in parts),
        expected=sum(part["expected"] for part in parts),
    )


def flush_cache(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def report(name: str, result: dict) -> None:
    rss = ", ".join(f"{value:.0f}" for value in result["rss"] if value is not None)
    print(
        f"{name:8} {result['rps']:7.1f} req/s  p50 {result['p50']:6.1f} ms  "
        f"p95 {result['p95']:6.1f} ms  p99 {result['p99']:6.1f} ms  "
        f"errors {result['errors']}/{result['requests']}  "
        f"page {result['mean_bytes'] / 1024:.1f} KiB  worker peak RSS {rss} MiB"
        + ("  (stopped by --budget)" if result["timed_out"] else "")
    )
    for sample in result["error_sample"]:
        print(f"         e.g. {sample}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--photos", type=int, default=20, help="distinct photos (default 20)")
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--requests", type=int, default=2000, help="measured requests per server")
    parser.add_argument("--warmup", type=int, default=200, help="unmeasured requests first")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--budget", type=float, default=300, help="seconds at most per load run")
    parser.add_argument(
        "--rounds", type=int, default=5, help="turns the three servers take (default 5)"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--cache-url",
        default="redis://127.0.0.1:6379/15",
        help="Redis for the cached run (its database is flushed; default db 15)",
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="throughput-bench-"))
    env = {
        **dataset.environment(workdir),
        "STATIC_ROOT": str(workdir / "static"),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_HTTPS": "false",
        "CACHE_URL": "locmemcache://",
    }
    os.environ.update(env)
    try:
        urls = build_site(workdir, args.articles, args.photos, args.words)
        rng = random.Random(args.seed)
        paths = [rng.choice(urls) for _ in range(args.warmup + args.requests)]
        server_env = {**os.environ, **env}
        print(
            f"load: {args.requests} requests (+{args.warmup} warm-up) per server, "
            f"concurrency {args.concurrency}, gunicorn {args.workers} sync workers, "
            f"{os.cpu_count()} CPUs"
        )
        warmup, measured = paths[: args.warmup], paths[args.warmup :]
        servers: dict[str, tuple[subprocess.Popen, int]] = {}
        try:
            servers["uncached"] = start_gunicorn(
                "newsroom.wsgi", {**server_env, "PAGE_CACHE": "false"}, args.workers,
                workdir / "uncached.log",
            )  # fmt: skip
            page_bytes = load(servers["uncached"][1], warmup, args.concurrency, args.budget)
            if page_bytes["errors"] == page_bytes["requests"]:
                raise SystemExit(f"every article request failed: {page_bytes['error_sample']}")
            flush_cache(args.cache_url)
            servers["cached"] = start_gunicorn(
                "newsroom.wsgi",
                {**server_env, "PAGE_CACHE": "true", "CACHE_URL": args.cache_url},
                args.workers,
                workdir / "cached.log",
            )
            # Every URL once: the measured requests are hits.
            load(servers["cached"][1], sorted(set(paths)), args.concurrency, args.budget)
            floor_env = {
                **server_env,
                "DJANGO_SETTINGS_MODULE": "bench.floor",
                "FLOOR_BYTES": str(round(page_bytes["mean_bytes"])),
            }
            servers["floor"] = start_gunicorn(
                "bench.floor:application", floor_env, args.workers, workdir / "floor.log"
            )
            load(servers["floor"][1], warmup, args.concurrency, args.budget)
            # The three take turns, a slice of the same URLs each, round after
            # round: this machine's speed drifts within minutes, and measured one
            # after the other they would each meet a different machine.
            parts: dict[str, list[dict]] = {name: [] for name in servers}
            size = -(-len(measured) // args.rounds)
            for number, offset in enumerate(range(0, len(measured), size)):
                chunk = measured[offset : offset + size]
                names = list(servers)
                names = names[number % 3 :] + names[: number % 3]  # who goes first rotates
                for name in names:
                    parts[name].append(load(servers[name][1], chunk, args.concurrency, args.budget))
            results = {name: combine(found) for name, found in parts.items()}
            for name, (process, _port) in servers.items():
                results[name]["rss"] = [peak_rss_mib(pid) for pid in worker_pids(process.pid)]
        finally:
            for process, _port in servers.values():
                stop_gunicorn(process)
        for name in ("uncached", "cached", "floor"):
            report(name, results[name])
        floor = results["floor"]
        if floor["rps"]:
            for name in ("uncached", "cached"):
                ratio = results[name]["rps"] / floor["rps"] * 100
                print(f"ratio    {name} ÷ floor = {ratio:.1f} %")
            print("issue #7 targets: uncached ≥ 15 %, cached ≥ 70 %, cached p99 < 20 ms")
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
