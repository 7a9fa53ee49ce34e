"""Rendering ahead in a second process: results in order, and failures reported, never a hang."""

from __future__ import annotations

import os
import time

import pytest

from katalog.core.parallel import fork_available
from katalog.render.producer import ForkedProducer, InlineProducer, ProducerError

pytestmark = pytest.mark.skipif(not fork_available(), reason="this platform cannot fork processes")


def jobs(count: int) -> list[tuple[str, object]]:
    return [(f"page-{n}", lambda n=n: f"<p>{n}</p>") for n in range(count)]


@pytest.mark.parametrize("kind", [InlineProducer, ForkedProducer])
def test_every_result_arrives_whatever_order_it_is_asked_for_in(kind: type) -> None:
    producer = kind(jobs(200), lambda: "search files")
    try:
        asked = ["page-150", "page-0", "page-199", *(f"page-{n}" for n in range(1, 150))]
        assert [producer.get(key) for key in asked] == [f"<p>{key[5:]}</p>" for key in asked]
        assert producer.last() == "search files"
        assert producer.last() == "search files"
    finally:
        producer.close()


def failing() -> str:
    raise ValueError("kortet mangler en titel")


def test_an_error_in_the_second_process_is_reported_with_its_message() -> None:
    producer = ForkedProducer([("a", lambda: "<p>a</p>"), ("b", failing)], lambda: "search files")
    try:
        assert producer.get("a") == "<p>a</p>"
        with pytest.raises(ProducerError, match="ValueError: kortet mangler en titel"):
            producer.get("b")
        with pytest.raises(ProducerError, match="ValueError: kortet mangler en titel"):
            producer.last()  # whatever is asked for later hears of the failure too
    finally:
        producer.close()


def test_a_second_process_that_dies_is_reported_not_waited_for() -> None:
    producer = ForkedProducer([("a", lambda: os._exit(3))], lambda: "search files")
    try:
        with pytest.raises(ProducerError, match=r"the rendering process stopped \(exit code 3\)"):
            producer.get("a")
    finally:
        producer.close()


def test_cancelling_stops_the_second_process_at_once() -> None:
    slow = [(f"page-{n}", lambda: time.sleep(1) or "<p>slow</p>") for n in range(60)]
    producer = ForkedProducer(slow, lambda: "search files")
    started = time.perf_counter()
    producer.close(cancel=True)
    assert time.perf_counter() - started < 5
    assert not producer.process.is_alive()
