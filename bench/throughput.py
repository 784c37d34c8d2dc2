"""Benchmark: article pages per second under gunicorn, measured with wrk, against the floor.

Run by hand from the repository root (not part of the test suite); needs `wrk`
(apt-get install wrk) and, for the Redis server, a Redis at `--cache-url`:

    .venv/bin/python bench/throughput.py                      # 500 articles × 14 languages
    .venv/bin/python bench/throughput.py --site bench/out/site-500 --json before.json
    .venv/bin/python bench/throughput.py --articles 50 --rounds 2 --duration 5   # a quick look

Why wrk: on a small machine the load generator shares the CPUs with gunicorn.
Python client threads (http.client) spend so much CPU a request that they, not
the server, set the ceiling (about 1,350 req/s against a bare Django view on 2
cores, where wrk gets about 4,850), and every ratio to the floor came out as
a ratio of client ceilings. wrk (C, epoll) costs little enough a request that
what is measured is the server.

1. Builds `--articles` articles × 14 languages with bench/dataset.py (600-word
   bodies, `--photos` distinct small JPEGs shared round-robin, each with its
   rendition set, imported with `manage.py import_ninjs --publish`) into a
   SQLite database, compiles the catalogs and collects static files. By default
   into a temporary folder, removed at the end (unless --keep); with `--site
   DIR` into DIR, or, when DIR already holds a site of the same size, that site
   is reused, so repeated runs measure the same data without building it again.
2. Starts four gunicorns (`--workers` sync workers each, default 2) on free
   127.0.0.1 ports, DEBUG off, a generated secret key, ALLOWED_HOSTS=127.0.0.1:
   - **floor**: bench/floor.py, a bare Django view returning a fixed page as
     large as the average article page (measured while warming the caches);
   - **uncached**: PAGE_CACHE=false, every page rendered (database warm);
   - **Redis with local copies**: PAGE_CACHE=true, CACHE_URL=`--cache-url`
     (its database flushed first), PAGE_CACHE_LOCAL_MB=`--local-mb` (each
     worker keeps the pages it served last in front of Redis, up to that many
     MB; the settings' default is 16), warmed with every URL once, so every
     measured request is a hit in the worker's copies or in Redis;
   - **default**: PAGE_CACHE=true with no CACHE_URL, the settings' default: the
     page cache on local disk (diskcache, in a fresh folder of the temporary
     one), shared by the workers, within PAGE_CACHE_DISK_MB (512), with each
     worker's local copies in front; warmed like the Redis server, after which
     it must hold an entry for every URL.
   Both cached servers answer hits in the WSGI layer in front of Django
   (articles/cache/front.py), as any deployment of newsroom.wsgi does.
   The cached servers get PAGE_CACHE_SECONDS=86400 so that warmed entries do
   not expire during a long run; the entry lifetime costs nothing per hit.
   A child process with each server's environment reports what the page cache
   really is (backend, local-copy bytes, disk budget), and after warming, Redis
   and the disk cache must each hold an entry for every URL.
3. Every server first gets `--warmup` seconds of wrk load (unmeasured), then
   `--rounds` rounds in which each server in turn gets `--duration` seconds of
   `wrk -t<threads> -c<concurrency> --latency` (who goes first rotates): this
   machine's speed drifts within minutes, and servers measured one after the
   other would each meet a different machine. wrk runs a Lua script (written
   into the temporary folder) that loads every article URL from a file in
   `init` and asks for a random one each request (every thread seeded on its
   own, the same seeds for every server in a round): many articles in random
   languages, not one page.
4. Prints, per server: the median requests/s over the rounds, the spread
   (slowest–fastest round), the median share of the floor (each round's
   requests/s divided by the floor's in the same round), p50 and p99 latency
   (medians over the rounds), every error (sockets: connect/read/write/timeout,
   and responses other than 2xx/3xx), each worker's peak resident memory
   (VmHWM), and the CPU time the workers spent per request (from /proc), with
   the Redis server's own beside it for the Redis server (its `INFO cpu`): on
   a machine where the workers, wrk and Redis share the cores, that says where
   a request's cost goes. Then the same as a Markdown table for the docs. `--json PATH`
   writes every round's figures, so runs can be compared.

gunicorn is always stopped (finally), and every phase is time-bound.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import dataset  # noqa: E402

HOST = "127.0.0.1"
REQUEST_TIMEOUT = 10.0  # seconds, per request
START_TIMEOUT = 30.0  # seconds for gunicorn to answer
WRK_GRACE = 30.0  # seconds wrk may overrun its --duration before it is killed
SERVERS = {
    "floor": "floor (bare Django view)",
    "uncached": "uncached (PAGE_CACHE=false)",
    "redis": "Redis with local copies",
    "default": "default (disk cache)",
}

# Loaded by each wrk thread. `setup` runs in wrk's main Lua state and numbers
# the threads; `init` runs in each thread's own state, so each has its own list
# and its own random sequence; `done` prints the totals as one JSON line, so
# nothing depends on the layout of wrk's human-readable report.
WRK_SCRIPT = """\
local paths = {}
local threads = 0

function setup(thread)
  thread:set("number", threads)
  threads = threads + 1
end

function init(args)
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    if #line > 0 then paths[#paths + 1] = line end
  end
  file:close()
  math.randomseed(tonumber(args[2]) * 1000 + number)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK-RESULT {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, '
      .. '"read": %d, "write": %d, "status": %d, "timeout": %d, "p50_us": %d, '
      .. '"p99_us": %d, "max_us": %d}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write,
    e.status, e.timeout, latency:percentile(50), latency:percentile(99), latency.max))
end
"""


# --------------------------------------------------------------------- data


def build_site(workdir: Path, articles: int, photos: int, words: int) -> list[str]:
    """bench/dataset.py's site (import, renditions, URL list), catalogs, static; its URLs."""
    prepare_django()
    manifest = dataset.build(workdir, articles, photos, words, quiet=True)
    count = manifest["language_versions"]
    print(
        f"site: {count} language versions imported, {manifest['public_urls']} public article "
        f"URLs, {photos} distinct photos, built in {manifest['seconds']['total']:.0f} s"
    )
    if manifest["public_urls"] != count:
        raise SystemExit(f"expected {count} public article URLs, found {manifest['public_urls']}")
    return dataset.read_urls(workdir)


def prepare_django() -> None:
    """Set Django up from the environment; compile the catalogs and collect static files."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("compile_catalogs", verbosity=0, stdout=open(os.devnull, "w"))
    call_command("collectstatic", "--noinput", verbosity=0)


def open_site(site: Path, articles: int, photos: int, words: int) -> tuple[list[str], dict]:
    """The site in `site`, built first if it holds none; its URLs and manifest."""
    manifest_file = site / dataset.MANIFEST_FILE
    if not manifest_file.exists():
        urls = build_site(site, articles, photos, words)
        return urls, json.loads(manifest_file.read_text(encoding="utf-8"))
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    found = (manifest["articles"], manifest["photos"], manifest["words"])
    if found != (articles, photos, words):
        raise SystemExit(
            f"{site} holds {found[0]} articles, {found[1]} photos, {found[2]} words; "
            f"asked for {articles}, {photos}, {words}: give another --site"
        )
    prepare_django()
    urls = dataset.read_urls(site)
    print(f"site: reusing {site} ({len(urls)} public article URLs)")
    return urls, manifest


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


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time the processes `pids` have used so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / os.sysconf("SC_CLK_TCK")


def redis_cpu_seconds(url: str) -> float:
    import redis

    found = redis.Redis.from_url(url).info("cpu")
    return found["used_cpu_user"] + found["used_cpu_sys"]


def peak_rss_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


CACHE_PROBE = """\
import json, django
django.setup()
from django.conf import settings
from django.core.cache import caches
from articles.cache.local import local_copies
cache = caches["default"]
print(json.dumps({
    "page_cache": settings.PAGE_CACHE,
    "backend": type(cache).__module__ + "." + type(cache).__name__,
    "location": settings.CACHES["default"].get("LOCATION"),
    "local_copy_bytes": local_copies.limit(),
    "disk_budget_bytes": settings.CACHES["default"].get("OPTIONS", {}).get("size_limit"),
    "entry_seconds": settings.PAGE_CACHE_SECONDS,
}))
"""


def probe_cache(env: dict) -> dict:
    """What the page cache of a server started with `env` is, as its settings make it."""
    output = subprocess.run(
        [sys.executable, "-c", CACHE_PROBE], env=env, cwd=ROOT, capture_output=True,
        text=True, timeout=60, check=True,
    ).stdout  # fmt: skip
    return json.loads(output.strip().splitlines()[-1])


# ------------------------------------------------------------------- load


def fetch(port: int, path: str) -> tuple[int, int]:
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "identity"})
        response = connection.getresponse()
        return response.status, len(response.read())
    finally:
        connection.close()


def warm(port: int, paths: list[str], concurrency: int, budget: float) -> dict:
    """GET every path once (not measured: fills the caches); statuses and page sizes."""
    deadline = time.monotonic() + budget

    def one(path: str) -> tuple[str | None, int]:
        if time.monotonic() > deadline:
            return f"not sent: warming took longer than {budget:.0f} s", 0
        try:
            status, size = fetch(port, path)
        except Exception as error:  # noqa: BLE001 - every failure is reported
            return f"{type(error).__name__}: {error} {path}", 0
        return (None if status == 200 else f"HTTP {status} {path}"), size

    with ThreadPoolExecutor(concurrency) as pool:
        outcomes = list(pool.map(one, paths))
    errors = [error for error, _ in outcomes if error]
    sizes = [size for error, size in outcomes if not error]
    return {
        "requests": len(paths),
        "errors": errors,
        "mean_bytes": statistics.fmean(sizes) if sizes else 0.0,
    }


def run_wrk(
    script: Path, paths_file: Path, port: int, seconds: float, args, seed: int, log: Path
) -> dict:
    """One wrk run against `port`; its totals (see WRK_SCRIPT's `done`)."""
    command = [
        "wrk", f"-t{args.threads}", f"-c{args.concurrency}", f"-d{seconds:g}s",
        "--latency", "--timeout", f"{REQUEST_TIMEOUT:g}s", "-s", str(script),
        f"http://{HOST}:{port}", "--", str(paths_file), str(seed),
    ]  # fmt: skip
    completed = subprocess.run(command, capture_output=True, text=True, timeout=seconds + WRK_GRACE)
    with log.open("a", encoding="utf-8") as out:
        out.write(f"$ {' '.join(command)}\n{completed.stdout}{completed.stderr}\n")
    found = [line for line in completed.stdout.splitlines() if line.startswith("WRK-RESULT ")]
    if completed.returncode != 0 or not found:
        raise RuntimeError(
            f"wrk failed ({completed.returncode}):\n{completed.stdout[-2000:]}"
            f"{completed.stderr[-2000:]}"
        )
    totals = json.loads(found[-1].removeprefix("WRK-RESULT "))
    seconds_run = totals["duration_us"] / 1e6
    errors = {name: totals[name] for name in ("connect", "read", "write", "timeout", "status")}
    return {
        "requests": totals["requests"],
        "seconds": round(seconds_run, 3),
        "rps": totals["requests"] / seconds_run if seconds_run else 0.0,
        "p50_ms": totals["p50_us"] / 1000,
        "p99_ms": totals["p99_us"] / 1000,
        "max_ms": totals["max_us"] / 1000,
        "mean_bytes": totals["bytes"] / totals["requests"] if totals["requests"] else 0.0,
        "errors": errors,
        "error_count": sum(errors.values()),
    }


def flush_cache(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def cache_entries(url: str) -> int:
    import redis

    return redis.Redis.from_url(url).dbsize()


def disk_entries(directory: str) -> int:
    from diskcache import FanoutCache

    with FanoutCache(directory, shards=8) as cache:  # DjangoCache's default SHARDS
        return len(cache)


# ----------------------------------------------------------------- report


def summarise(name: str, rounds: list[dict], floor_rounds: list[dict], rss: list) -> dict:
    rates = [found["rps"] for found in rounds]
    shares = [
        found["rps"] / floor["rps"] * 100
        for found, floor in zip(rounds, floor_rounds, strict=True)
        if floor["rps"]
    ]
    errors = {kind: sum(found["errors"][kind] for found in rounds) for kind in rounds[0]["errors"]}
    return {
        "label": SERVERS[name],
        "rps_median": statistics.median(rates),
        "rps_min": min(rates),
        "rps_max": max(rates),
        "share_of_floor_median": statistics.median(shares) if shares else None,
        "share_of_floor_min": min(shares) if shares else None,
        "share_of_floor_max": max(shares) if shares else None,
        "p50_ms_median": statistics.median(found["p50_ms"] for found in rounds),
        "p99_ms_median": statistics.median(found["p99_ms"] for found in rounds),
        "p99_ms_max": max(found["p99_ms"] for found in rounds),
        "requests": sum(found["requests"] for found in rounds),
        "errors": errors,
        "error_count": sum(errors.values()),
        "worker_peak_rss_mib": rss,
        "worker_cpu_us_median": statistics.median(found["worker_cpu_us"] for found in rounds),
        "redis_cpu_us_median": (
            statistics.median(found["redis_cpu_us"] for found in rounds)
            if "redis_cpu_us" in rounds[0]
            else None
        ),
        "rounds": rounds,
    }


def markdown(results: dict, rounds: int) -> str:
    lines = [
        f"| Server | req/s (median of {rounds} rounds) | rounds min–max | share of the floor "
        "(median) | p50 ms | p99 ms | errors | worker peak RSS MiB | CPU µs per request |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results.values():
        share = result["share_of_floor_median"]
        rss = ", ".join(f"{value:.0f}" for value in result["worker_peak_rss_mib"] if value)
        lines.append(
            f"| {result['label']} | {result['rps_median']:,.0f} | "
            f"{result['rps_min']:,.0f}–{result['rps_max']:,.0f} | "
            f"{'—' if share is None else f'{share:.1f} %'} | {result['p50_ms_median']:.1f} | "
            f"{result['p99_ms_median']:.1f} | {result['error_count']} | {rss} | "
            f"{cpu_per_request(result)} |"
        )
    return "\n".join(lines)


def cpu_per_request(result: dict) -> str:
    """The gunicorn workers' CPU per request, and the Redis server's beside it."""
    said = f"{result['worker_cpu_us_median']:,.0f}"
    if result["redis_cpu_us_median"] is not None:
        said += f" + Redis {result['redis_cpu_us_median']:,.0f}"
    return said


def report(results: dict) -> None:
    for result in results.values():
        share = result["share_of_floor_median"]
        errors = ", ".join(f"{kind} {count}" for kind, count in result["errors"].items() if count)
        rss = ", ".join(f"{value:.0f}" for value in result["worker_peak_rss_mib"] if value)
        print(
            f"{result['label']:28} {result['rps_median']:7.0f} req/s "
            f"({result['rps_min']:.0f}–{result['rps_max']:.0f})  "
            + ("" if share is None else f"{share:5.1f} % of floor  ")
            + f"p50 {result['p50_ms_median']:5.1f} ms  p99 {result['p99_ms_median']:6.1f} ms  "
            f"errors {result['error_count']}/{result['requests']}"
            + (f" ({errors})" if errors else "")
            + f"  worker peak RSS {rss} MiB  CPU µs/request {cpu_per_request(result)}"
        )


# ------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--photos", type=int, default=20, help="distinct photos (default 20)")
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--site", type=Path, help="build into / reuse this folder (kept)")
    parser.add_argument("--rounds", type=int, default=5, help="turns the servers take (5)")
    parser.add_argument("--duration", type=float, default=10, help="wrk seconds per turn (10)")
    parser.add_argument("--warmup", type=float, default=5, help="unmeasured wrk seconds first")
    parser.add_argument("--concurrency", type=int, default=8, help="wrk connections (8)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2)")
    parser.add_argument("--local-mb", type=float, default=16, help="PAGE_CACHE_LOCAL_MB (16)")
    parser.add_argument("--budget", type=float, default=300, help="seconds at most per warming")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument(
        "--cache-url",
        default="redis://127.0.0.1:6379/15",
        help="Redis for the Redis server (its database is flushed; default db 15)",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")

    tempdir = Path(tempfile.mkdtemp(prefix="throughput-bench-"))
    site = args.site.resolve() if args.site else tempdir / "site"
    site.mkdir(parents=True, exist_ok=True)
    env = {
        **dataset.environment(site),
        "STATIC_ROOT": str(site / "static"),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_HTTPS": "false",
        "CACHE_URL": "locmemcache://",
    }
    os.environ.update(env)
    load_before = os.getloadavg()
    servers: dict[str, tuple[subprocess.Popen, int]] = {}
    try:
        try:
            urls, manifest = open_site(site, args.articles, args.photos, args.words)
            paths_file = tempdir / "paths.txt"
            paths_file.write_text("".join(f"{url}\n" for url in urls), encoding="utf-8")
            script = tempdir / "random_article.lua"
            script.write_text(WRK_SCRIPT, encoding="utf-8")
            wrk_log = tempdir / "wrk.log"
            base = {**os.environ, **env}
            cached = {"PAGE_CACHE": "true", "PAGE_CACHE_SECONDS": "86400"}
            environments = {
                "uncached": {**base, "PAGE_CACHE": "false"},
                "redis": {
                    **base, **cached, "CACHE_URL": args.cache_url,
                    "PAGE_CACHE_LOCAL_MB": f"{args.local_mb:g}",
                },
                "default": {
                    **base, **cached, "CACHE_URL": "", "PAGE_CACHE_DIR": str(tempdir / "cache"),
                    "PAGE_CACHE_LOCAL_MB": f"{args.local_mb:g}",
                },
            }  # fmt: skip
            caches = {name: probe_cache(environments[name]) for name in environments}
            if (
                caches["redis"]["local_copy_bytes"] <= 0
                or "redis" not in caches["redis"]["backend"]
            ):
                raise SystemExit(f"the Redis server would not keep local copies: {caches['redis']}")
            if "diskcache" not in caches["default"]["backend"]:
                raise SystemExit(f"the default server's cache is not on disk: {caches['default']}")
            for name, found in caches.items():
                print(f"{name:8} page cache: {found}")
            print(
                f"load: wrk -t{args.threads} -c{args.concurrency}, {args.rounds} rounds of "
                f"{args.duration:g} s per server (+{args.warmup:g} s warm-up), random article URLs "
                f"of {len(urls)}, gunicorn {args.workers} sync workers, {os.cpu_count()} CPUs, "
                f"load average {load_before[0]:.2f}"
            )

            flush_cache(args.cache_url)
            warmed = {}
            for name in ("uncached", "redis", "default"):
                servers[name] = start_gunicorn(
                    "newsroom.wsgi", environments[name], args.workers, tempdir / f"{name}.log"
                )
                if name != "uncached":  # every URL once: the measured requests find them
                    warmed[name] = warm(servers[name][1], urls, args.concurrency, args.budget)
                    if warmed[name]["errors"]:
                        raise SystemExit(
                            f"{len(warmed[name]['errors'])} of {len(urls)} article requests failed "
                            f"while warming {name}, e.g. {warmed[name]['errors'][:3]}"
                        )
            entries = cache_entries(args.cache_url)
            on_disk = disk_entries(caches["default"]["location"])
            for where, count in (("Redis", entries), ("the disk cache", on_disk)):
                if count < len(urls):
                    raise SystemExit(f"{where} holds {count} entries for {len(urls)} URLs")
            page_bytes = round(warmed["redis"]["mean_bytes"])
            print(
                f"warmed: Redis holds {entries} entries, the disk cache {on_disk}; "
                f"article pages average {page_bytes} bytes"
            )
            servers["floor"] = start_gunicorn(
                "bench.floor:application",
                {**base, "DJANGO_SETTINGS_MODULE": "bench.floor", "FLOOR_BYTES": str(page_bytes)},
                args.workers,
                tempdir / "floor.log",
            )
            names = list(SERVERS)
            for name in names:
                run_wrk(script, paths_file, servers[name][1], args.warmup, args, args.seed, wrk_log)

            rounds: dict[str, list[dict]] = {name: [] for name in names}
            for number in range(args.rounds):
                order = names[number % len(names) :] + names[: number % len(names)]
                seed = args.seed * 100 + number + 1
                for name in order:
                    workers = worker_pids(servers[name][0].pid)
                    cpu_before = cpu_seconds(workers)
                    redis_before = redis_cpu_seconds(args.cache_url) if name == "redis" else 0.0
                    found = run_wrk(
                        script, paths_file, servers[name][1], args.duration, args, seed, wrk_log
                    )
                    served = max(found["requests"], 1)
                    found["worker_cpu_us"] = (cpu_seconds(workers) - cpu_before) / served * 1e6
                    if name == "redis":
                        spent = redis_cpu_seconds(args.cache_url) - redis_before
                        found["redis_cpu_us"] = spent / served * 1e6
                    rounds[name].append(found)
                print(
                    f"round {number + 1}/{args.rounds}: "
                    + ", ".join(f"{name} {rounds[name][-1]['rps']:.0f}" for name in names)
                    + " req/s",
                    flush=True,
                )
            rss = {
                name: [peak_rss_mib(pid) for pid in worker_pids(process.pid)]
                for name, (process, _port) in servers.items()
            }
        finally:
            for process, _port in servers.values():
                stop_gunicorn(process)

        results = {
            name: summarise(name, rounds[name], rounds["floor"], rss[name]) for name in names
        }
        print()
        report(results)
        print()
        print(markdown(results, args.rounds))
        if args.json:
            document = {
                "arguments": {
                    name: str(value) if isinstance(value, Path) else value
                    for name, value in vars(args).items()
                },
                "cpus": os.cpu_count(),
                "load_average_before": load_before,
                "load_average_after": os.getloadavg(),
                "site": {
                    "articles": manifest["articles"],
                    "language_versions": manifest["language_versions"],
                    "public_urls": len(urls),
                    "photos": manifest["photos"],
                    "words": manifest["words"],
                    "page_bytes_mean": page_bytes,
                },
                "page_caches": caches,
                "redis_entries_after_warming": entries,
                "disk_entries_after_warming": on_disk,
                "servers": results,
            }
            args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
            print(f"\nwrote {args.json}")
    finally:
        if args.keep:
            print(f"kept {tempdir}")
        else:
            shutil.rmtree(tempdir, ignore_errors=True)


if __name__ == "__main__":
    main()
