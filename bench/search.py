"""Benchmark: the search page at 5,000 articles × 14 languages, p95 per language.

Run by hand from the repository root (not part of the test suite):

    .venv/bin/python bench/search.py --out bench/out/search-pg \\
        --database-url postgres://postgres@127.0.0.1:5432/bench_search --build
    .venv/bin/python bench/search.py --out bench/out/search-pg \\
        --database-url postgres://postgres@127.0.0.1:5432/bench_search   # measure again

`--build` makes the articles with bench/dataset.py's copy (600-word bodies,
every language, imported with `import_ninjs --publish`, no photos), each
language's text put into that language's words (`VOCABULARY`: accented Latin,
Greek with tonos, Cyrillic with ё, Devanagari, and Chinese and Japanese
without spaces), so the queries below are ones a reader of that language
would type. Every word of a language's vocabulary is in nearly every body,
so a query for one matches nearly every row: the costliest case for ranking
and counting, not a typical one.

The measure is the whole search page (view, query, snippets, template) through
Django's test client in this process, the page cache off: `--rounds` times each
query of `queries()`, per language. It prints p50, p95 and the slowest, per
language and per kind of query, and each language's plan for a one-word query
under the real planner (which index it reads, or a sequential scan).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.dataset import WORDS, documents, environment, prepare_database  # noqa: E402

# A language's word for each of sixteen of the English ones, in order: dataset's
# word number i becomes VOCABULARY[code][i % 16].
VOCABULARY: dict[str, list[str]] = {
    "pt": "ciência ponte rio câmara mercado cidade porto estação museu trabalhadores "
    "orçamento relatório água escola biblioteca jardim",
    "es": "ciencia puente río ayuntamiento mercado ciudad puerto estación museo trabajadores "
    "presupuesto informe agua escuela biblioteca jardín",
    "fr": "science pont fleuve conseil marché ville port gare musée ouvriers budget rapport "
    "eau école bibliothèque été",
    "de": "Ärzte Brücke Fluss Stadtrat Markt Stadt Hafen Bahnhof Museum Arbeiter Haushalt "
    "Bericht Wasser Schule Bücherei Straße",
    "it": "scienza ponte fiume consiglio mercato città porto stazione museo lavoratori "
    "bilancio rapporto acqua scuola biblioteca università",
    "el": "επιστήμη γέφυρα ποτάμι δημοτικό αγορά πόλη λιμάνι σταθμός μουσείο εργαζόμενοι "
    "προϋπολογισμός έκθεση νερό σχολείο βιβλιοθήκη κήπος",
    "ru": "наука мост река совет рынок город порт вокзал музей рабочие бюджет отчёт вода "
    "школа библиотека ёлка",
    "fi": "tiede silta joki valtuusto tori kaupunki satama asema museo työntekijät "
    "talousarvio raportti vesi koulu kirjasto sää",
    "id": "ilmu jembatan sungai dewan pasar kota pelabuhan stasiun museum pekerja anggaran "
    "laporan air sekolah perpustakaan taman",
    "la": "scientia pons flumen senatus forum urbs portus statio museum operarii aerarium "
    "relatio aqua schola bibliotheca hortus",
    "sa": "विज्ञानम् सेतुः नदी सभा आपणः नगरम् पत्तनम् स्थानकम् सङ्ग्रहालयः कर्मकराः आयव्ययः "
    "वृत्तान्तः जलम् विद्यालयः ग्रन्थालयः उद्यानम्",
    "zh-hans": "科学 大桥 河流 市议会 市场 城市 港口 车站 博物馆 工人 预算 报告 水 学校 "
    "图书馆 花园",
    "ja": "科学 橋 川 議会 市場 都市 港 駅 博物館 労働者 予算 報告 水 学校 図書館 庭園",
}
VOCABULARY = {code: words.split() for code, words in VOCABULARY.items()}
# Chinese and Japanese run their words together.
UNSPACED = frozenset({"zh-hans", "ja"})
# Per language: (kind, query). Accent-folded and upper-case forms of the text's
# words, a word that is not there, stop words only, punctuation, one character.
QUERIES: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("word", "bridge"),
        ("two words", "harbour ferry"),
        ("case", "MUSEUM"),
        ("absent", "zeppelin"),
        ("stop words", "the of and"),
    ],
    "pt": [
        ("word", "ponte"),
        ("two words", "ciência ponte"),
        ("folded", "ciencia orcamento"),
        ("absent", "zepelim"),
        ("stop words", "de o que"),
    ],
    "es": [
        ("word", "puente"),
        ("two words", "ciencia río"),
        ("folded", "estacion jardin"),
        ("absent", "zepelín"),
        ("stop words", "de la que"),
    ],
    "fr": [
        ("word", "pont"),
        ("two words", "musée gare"),
        ("folded", "ecole bibliotheque"),
        ("absent", "zeppelin"),
        ("stop words", "le de la"),
    ],
    "de": [
        ("word", "Brücke"),
        ("two words", "Ärzte Hafen"),
        ("folded", "arzte strasse"),
        ("absent", "Zeppelin"),
        ("stop words", "der die das"),
    ],
    "it": [
        ("word", "ponte"),
        ("two words", "città porto"),
        ("folded", "citta universita"),
        ("absent", "zeppelin"),
        ("stop words", "il di che"),
    ],
    "el": [
        ("word", "γέφυρα"),
        ("two words", "λιμάνι σταθμός"),
        ("folded", "γεφυρα ΛΙΜΑΝΙ"),
        ("absent", "ζέπελιν"),
        ("stop words", "και το"),
    ],
    "ru": [
        ("word", "мост"),
        ("two words", "город порт"),
        ("folded", "отчет елка"),
        ("absent", "дирижабль"),
        ("stop words", "и в не"),
    ],
    "fi": [
        ("word", "silta"),
        ("two words", "satama tori"),
        ("folded", "tyontekijat saa"),
        ("absent", "ilmalaiva"),
        ("stop words", "ja on"),
    ],
    "id": [
        ("word", "jembatan"),
        ("two words", "pasar kota"),
        ("case", "PELABUHAN"),
        ("absent", "zeppelin"),
        ("stop words", "dan yang"),
    ],
    "la": [
        ("word", "pons"),
        ("two words", "portus urbs"),
        ("prefix", "biblio"),
        ("absent", "aeronavis"),
    ],
    "sa": [("word", "सेतुः"), ("two words", "नदी नगरम्"), ("absent", "विमानम्")],
    "zh-hans": [("word", "大桥"), ("two words", "港口 车站"), ("absent", "飞艇")],
    "ja": [("word", "博物館"), ("two words", "港 駅"), ("absent", "飛行船")],
}
# Every language also gets these: no index can narrow them, or they are cut short.
BOUNDED = [
    ("one character", "a"),
    ("punctuation", "?!… — ((("),
    ("10,000 characters", "x" * 10_000),
]


def queries(code: str) -> list[tuple[str, str]]:
    return QUERIES[code] + BOUNDED


# ---------------------------------------------------------------- the data


def in_language(document: dict, code: str) -> dict:
    """`document` with its English words put into `code`'s words."""
    if code not in VOCABULARY:
        return document
    words = {word: VOCABULARY[code][i % 16] for i, word in enumerate(WORDS)}
    joiner = "" if code in UNSPACED else " "

    def translate(text: str) -> str:
        text = re.sub(r"\b[a-z]+\b", lambda m: words.get(m.group(), m.group()), text)
        return re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])", joiner, text)

    document["headlines"][0]["value"] = translate(document["headlines"][0]["value"])
    document["descriptions"][0]["value"] = translate(document["descriptions"][0]["value"])
    document["bodies"][0]["value"] = translate(document["bodies"][0]["value"])
    return document


def build(out: Path, articles: int, words: int, batch: int) -> None:
    from django.core.management import call_command

    from articles.domain.languages import LANGUAGE_CODES
    from articles.models import Article

    call_command("migrate", verbosity=0)
    if Article.objects.exists():
        raise SystemExit("the database already holds articles: give an empty one")
    wire = out / "wire.ndjson"
    started = time.perf_counter()
    for first in range(0, articles, batch):
        last = min(first + batch, articles)
        with wire.open("w", encoding="utf-8") as stream:
            for number, document in enumerate(documents(first, last, words)):
                code = LANGUAGE_CODES[number % len(LANGUAGE_CODES)]
                stream.write(json.dumps(in_language(document, code), ensure_ascii=False) + "\n")
        with open(os.devnull, "w") as devnull:
            call_command("import_ninjs", str(wire), "--publish", stdout=devnull)
        print(f"  imported {last}/{articles} ({time.perf_counter() - started:.0f} s)", flush=True)
    wire.unlink(missing_ok=True)


# ---------------------------------------------------------------- the measure


def plans() -> dict[str, str]:
    """Each language's plan for its one-word query, as the page runs it (sequential
    scans off) and as the planner would choose alone: the index read, or a scan."""
    from django.db import connection

    from articles.models import Article
    from articles.selectors.search import planned_with_indexes, search_articles

    def summary(plan: str) -> str:
        indexes = sorted(set(re.findall(r"Index Scan on (\w+)", plan)))
        scans = sorted(set(re.findall(r"Seq Scan on (\w+)", plan)))
        return ", ".join(indexes + [f"seq scan on {table}" for table in scans])

    found = {}
    for code, kinds in QUERIES.items():
        if connection.vendor != "postgresql":
            break
        results = search_articles(Article.objects.public_in(code), code, kinds[0][1])
        alone = summary(results.explain())
        with planned_with_indexes():
            found[code] = f"{summary(results.explain())}  (planner alone: {alone})"
    return found


def measure(rounds: int, languages: list[str]) -> dict[str, dict[str, list[float]]]:
    from django.test import Client

    client = Client()
    timings: dict[str, dict[str, list[float]]] = {}
    for code in languages:
        timings[code] = {}
        for kind, query in queries(code):
            client.get(f"/{code}/search/", {"q": query})  # warm the caches once
            times = []
            for _ in range(rounds):
                begun = time.perf_counter()
                response = client.get(f"/{code}/search/", {"q": query})
                times.append((time.perf_counter() - begun) * 1000)
                assert response.status_code == 200, (code, query, response.status_code)
            timings[code][kind] = times
    return timings


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def report(timings: dict[str, dict[str, list[float]]]) -> None:
    print("\nper language (ms): p50  p95  slowest  [slowest kind]")
    everything = []
    for code, kinds in timings.items():
        values = [v for times in kinds.values() for v in times]
        everything += values
        worst = max(kinds, key=lambda kind: p95(kinds[kind]))
        print(
            f"  {code:8} {statistics.median(values):6.1f} {p95(values):6.1f} "
            f"{max(values):7.1f}  [{worst}]"
        )
    print(
        f"  {'all':8} {statistics.median(everything):6.1f} {p95(everything):6.1f} "
        f"{max(everything):7.1f}"
    )
    print("\nper kind of query, every language (ms): p50  p95")
    kinds = sorted({kind for per in timings.values() for kind in per})
    for kind in kinds:
        values = [v for per in timings.values() for v in per.get(kind, [])]
        print(f"  {kind:18} {statistics.median(values):6.1f} {p95(values):6.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the SQLite file")
    parser.add_argument("--database-url", help="default: a SQLite file in --out")
    parser.add_argument("--build", action="store_true", help="create the database and articles")
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--words", type=int, default=600, help="words per body (default 600)")
    parser.add_argument("--batch", type=int, default=500, help="articles per import run")
    parser.add_argument("--rounds", type=int, default=20, help="times each query is asked")
    parser.add_argument("--languages", nargs="*", help="only these language codes")
    args = parser.parse_args()

    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    env = environment(out, args.database_url)
    if args.build:
        prepare_database(env["DATABASE_URL"], recreate=True)
    os.environ.update(
        env, PAGE_CACHE="false", DJANGO_ALLOWED_HOSTS="testserver", STATIC_ROOT=str(out / "static")
    )
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret")
    import django

    django.setup()
    if args.build:
        build(out, args.articles, args.words, args.batch)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    call_command("compile_catalogs", verbosity=0)  # /sa/ and /la/ need theirs
    if args.build and connection.vendor == "postgresql":
        # Statistics for the planner, as autovacuum would gather them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE articles_article")
    for code, plan in plans().items():
        print(f"plan {code:8} {plan}")
    report(measure(args.rounds, args.languages or list(QUERIES)))


if __name__ == "__main__":
    main()
