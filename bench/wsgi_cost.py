"""Benchmark: the server-side cost of one request, in process, without HTTP or a load generator.

Calls the site's WSGI application (newsroom/wsgi.py: page-cache hits answered
in front of Django) in a loop over the URLs of a site built by
bench/dataset.py, with that site's environment, and prints the mean time per
request. Useful to see what a page-cache hit or an uncached page costs before
gunicorn and the client share the CPU (bench/throughput.py):

    .venv/bin/python bench/dataset.py --out /tmp/site --articles 20 --photos 2
    .venv/bin/python bench/wsgi_cost.py --site /tmp/site   # the default cache, on disk
    CACHE_URL=locmemcache:// .venv/bin/python bench/wsgi_cost.py --site /tmp/site
    PAGE_CACHE=false .venv/bin/python bench/wsgi_cost.py --site /tmp/site
    CACHE_URL=redis://127.0.0.1:6379/14 .venv/bin/python bench/wsgi_cost.py --site /tmp/site
    PAGE_CACHE=false .venv/bin/python bench/wsgi_cost.py --site /tmp/site --parts

`--parts` (uncached) also times the two pieces of an article page's view
alone, over the same URLs: the page query (`page_article`) and the render
(`render_page` given the page the query returned: context, Jinja2 template,
headers). What the whole request costs beyond the two is Django's handler,
the middleware and URL resolution.
"""

from __future__ import annotations

import argparse
import io
import os
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import dataset  # noqa: E402 - bench/ is put on the path just above


def environ(path: str) -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True, help="a folder bench/dataset.py built")
    parser.add_argument("--urls", type=int, default=50, help="distinct URLs to cycle through")
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument(
        "--parts", action="store_true", help="also time the page query and the render alone"
    )
    args = parser.parse_args()

    defaults = {
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(args.site / "static"),
    }
    for name, value in {**dataset.environment(args.site), **defaults}.items():
        os.environ.setdefault(name, value)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("PAGE_CACHE_DIR", str(args.site / "cache"))
    from newsroom.wsgi import application

    statuses: list[str] = []

    def start_response(status, headers, exc_info=None):
        statuses.append(status)

    urls = dataset.read_urls(args.site)[: args.urls]
    for url in urls:  # warm: templates compiled, queries prepared, pages cached
        b"".join(application(environ(url), start_response))
    statuses.clear()
    started, cpu_started = time.perf_counter(), time.process_time()
    for number in range(args.requests):
        b"".join(application(environ(urls[number % len(urls)]), start_response))
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started  # steadier than wall time on a busy machine
    failed = sum(not status.startswith("200") for status in statuses)
    print(
        f"{elapsed / args.requests * 1e6:.0f} µs per request ({cpu / args.requests * 1e6:.0f} µs "
        f"CPU) over {args.requests} requests "
        f"({len(urls)} URLs; PAGE_CACHE={os.environ.get('PAGE_CACHE', 'true')}, "
        f"CACHE_URL={os.environ.get('CACHE_URL') or 'none: on disk'}); {failed} not 200"
    )
    if args.parts:
        print_parts(urls, args.requests)


def print_parts(urls: list[str], requests: int) -> None:
    """The page query and the render of the article pages among `urls`, each timed alone."""
    from django.test import RequestFactory
    from django.utils import translation

    from articles.selectors.page_query import page_article
    from articles.web.views import render_page

    factory = RequestFactory()
    # /<language>/articles/<slug>/
    addresses = [(url, *url.strip("/").split("/")[::2]) for url in urls if "/articles/" in url]
    pages = {}

    def query(url: str, language: str, slug: str) -> None:
        with translation.override(language):
            pages[url] = page_article(language, slug)

    def render(url: str, language: str, slug: str) -> None:
        with translation.override(language):
            render_page(factory.get(url, HTTP_HOST="127.0.0.1"), pages[url], language)

    for label, step in (("page query", query), ("render", render)):
        for address in addresses:  # warm, and the pages for the render
            step(*address)
        cpu_started = time.process_time()
        for number in range(requests):
            step(*addresses[number % len(addresses)])
        cpu = time.process_time() - cpu_started
        print(f"  {label}: {cpu / requests * 1e6:.0f} µs CPU")


if __name__ == "__main__":
    main()
