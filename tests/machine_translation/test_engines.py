"""Each engine speaks its service's protocol, refuses what it cannot translate without
sending it, and turns every failure into one clear message."""

import socket

import pytest
from django.core.exceptions import ImproperlyConfigured

from articles.machine_translation.base import MachineTranslationError
from articles.machine_translation.deepl import DeepL
from articles.machine_translation.engines import engine_from_settings
from articles.machine_translation.libretranslate import LibreTranslate
from articles.machine_translation.none import NoEngine
from tests.support.mt_servers import FakeDeepL, FakeLibreTranslate


@pytest.fixture
def libre():
    with FakeLibreTranslate() as server:
        yield server


@pytest.fixture
def deepl():
    with FakeDeepL() as server:
        yield server


def test_libretranslate_sends_texts_as_text_and_the_body_as_html(libre):
    engine = LibreTranslate(url=libre.url, api_key="test-key")
    assert engine.translate(["Olá", "Mundo"], source="pt", target="fi", html=False) == [
        "[fi] Olá",
        "[fi] Mundo",
    ]
    (body,) = engine.translate(
        ["<p>Olá <b>mundo</b></p>"], source="pt", target="zh-hans", html=True
    )
    assert body == "<p>[zh-hans] Olá <b>[zh-hans] mundo</b></p>"
    first, second = (r["body"] for r in libre.requests)
    assert first == {
        "q": ["Olá", "Mundo"],
        "source": "pt",
        "target": "fi",
        "format": "text",
        "api_key": "test-key",
    }
    assert second["format"] == "html" and second["target"] == "zh-Hans"
    assert libre.requests[0]["path"] == "/translate"


def test_deepl_authenticates_in_the_header_and_asks_for_html_handling(deepl):
    engine = DeepL(url=deepl.url, api_key="test-key")
    assert engine.translate(["Olá"], source="pt", target="en", html=False) == ["[en-gb] Olá"]
    engine.translate(["<p>Olá</p>"], source="pt", target="fi", html=True)
    plain, html = deepl.requests
    assert plain["path"] == "/v2/translate"
    assert plain["headers"]["Authorization"] == "DeepL-Auth-Key test-key"
    assert plain["body"] == {"text": ["Olá"], "source_lang": "PT", "target_lang": "EN-GB"}
    assert html["body"]["tag_handling"] == "html"
    assert "api_key" not in plain["body"]


@pytest.mark.parametrize("engine_class", [LibreTranslate, DeepL])
@pytest.mark.parametrize(("source", "target"), [("pt", "sa"), ("la", "en"), ("pt", "la")])
def test_sanskrit_and_latin_are_refused_with_the_reason(engine_class, source, target):
    engine = engine_class(url="http://127.0.0.1:9", api_key="k")
    reason = engine.refusal(source, target)
    assert reason and "does not translate" in reason
    assert ("Latina" in reason) or ("संस्कृतम्" in reason)
    assert engine.refusal("pt", "fi") is None


def test_no_engine_refuses_everything_and_names_the_setting():
    assert "MT_ENGINE" in NoEngine().refusal("pt", "en")


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (429, "too many requests"),
        (403, "key was refused"),
        (500, "HTTP 500"),
    ],
)
def test_libretranslate_refusals_are_named(libre, status, words):
    libre.fail_with = status
    with pytest.raises(MachineTranslationError, match=words) as caught:
        LibreTranslate(url=libre.url, api_key="test-key").translate(
            ["Olá"], source="pt", target="fi", html=False
        )
    assert caught.value.stops_run


def test_deepl_quota_is_named(deepl):
    deepl.fail_with = 456
    with pytest.raises(MachineTranslationError, match="quota is used up"):
        DeepL(url=deepl.url, api_key="test-key").translate(
            ["Olá"], source="pt", target="fi", html=False
        )


def test_a_wrong_key_is_named(deepl):
    with pytest.raises(MachineTranslationError, match="key was refused"):
        DeepL(url=deepl.url, api_key="not-the-key").translate(
            ["Olá"], source="pt", target="fi", html=False
        )


@pytest.mark.parametrize("server_class", [FakeLibreTranslate, FakeDeepL])
@pytest.mark.parametrize("failure", ["garbage", "wrong-shape"])
def test_garbage_answers_are_refused(server_class, failure):
    with server_class() as server:
        server.fail_with = failure
        engine_class = LibreTranslate if server_class is FakeLibreTranslate else DeepL
        with pytest.raises(MachineTranslationError, match="not a translation"):
            engine_class(url=server.url, api_key="test-key").translate(
                ["Olá"], source="pt", target="fi", html=False
            )


def test_a_slow_engine_times_out(libre):
    libre.fail_with = "slow"
    libre.slow_seconds = 1.5
    engine = LibreTranslate(url=libre.url, api_key="test-key", timeout=0.3)
    with pytest.raises(MachineTranslationError, match="did not answer within 0.3 seconds"):
        engine.translate(["Olá"], source="pt", target="fi", html=False)


def test_an_engine_that_is_down_is_named():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    engine = LibreTranslate(url=f"http://127.0.0.1:{port}", timeout=1)
    with pytest.raises(MachineTranslationError, match="cannot be reached") as caught:
        engine.translate(["Olá"], source="pt", target="fi", html=False)
    assert caught.value.stops_run


def test_settings_choose_the_engine(settings):
    settings.MT_ENGINE = "none"
    assert isinstance(engine_from_settings(), NoEngine)
    settings.MT_ENGINE, settings.MT_URL, settings.MT_API_KEY = "deepl", "http://127.0.0.1:1", "k"
    assert isinstance(engine_from_settings(), DeepL)
    settings.MT_API_KEY = ""
    with pytest.raises(ImproperlyConfigured, match="MT_API_KEY"):
        engine_from_settings()
    settings.MT_ENGINE = "babelfish"
    with pytest.raises(ImproperlyConfigured, match="babelfish"):
        engine_from_settings()
    settings.MT_ENGINE, settings.MT_URL = "libretranslate", ""
    with pytest.raises(ImproperlyConfigured, match="MT_URL"):
        engine_from_settings()
