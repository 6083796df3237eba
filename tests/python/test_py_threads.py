"""The GIL is released while C++ converts: other Python threads keep running."""

from __future__ import annotations

import threading
import time

import copydesk
from copydesk import _core


def big_json(paragraphs: int) -> bytes:
    para = '{"t":"Paragraph","content":[{"t":"Text","text":"%d 太仓日报讯 昨日，记者从市住建局获悉，今年以来全市加装电梯工作稳步推进。"},{"t":"Emph","content":[{"t":"Text","text":"强调"}]}]}'
    body = ",".join(para % i for i in range(paragraphs))
    return ('{"copydesk-ast-version":1,"metadata":{"title":"big"},"blocks":[' + body + "]}").encode()


def timed_convert(data: bytes) -> float:
    start = time.perf_counter()
    _core.convert(data, "json", "json", {}, "")
    return time.perf_counter() - start


def test_two_threads_convert_concurrently() -> None:
    data = big_json(2000)
    expected = copydesk.convert(data, from_format="json", to_format="json")
    results: dict[int, list[bytes]] = {0: [], 1: []}
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            for _ in range(5):
                results[i].append(copydesk.convert(data, from_format="json", to_format="json"))
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    assert not errors
    assert results[0] == results[1] == [expected] * 5


def test_other_threads_progress_during_a_large_conversion() -> None:
    # Grow the input until one C++ conversion takes long enough to measure.
    n = 5000
    data = big_json(n)
    while timed_convert(data) < 0.3 and n < 2_000_000:
        n *= 2
        data = big_json(n)

    counter = 0
    stop = False

    def count() -> None:
        nonlocal counter
        while not stop:
            counter += 1

    t = threading.Thread(target=count)
    t.start()
    try:
        time.sleep(0.2)  # baseline: the counter's rate while the main thread sleeps
        c0 = counter
        time.sleep(0.2)
        rate = (counter - c0) / 0.2
        before = counter
        start = time.perf_counter()
        _core.convert(data, "json", "json", {}, "")
        elapsed = time.perf_counter() - start
        during = counter - before
    finally:
        stop = True
        t.join()
    assert elapsed >= 0.2
    # With the GIL held the counter could only move for one switch interval (5 ms).
    assert during > 0.25 * rate * elapsed, (during, rate, elapsed)


def test_reading_releases_the_gil_too() -> None:
    data = big_json(20000)
    ticks = 0
    done = threading.Event()

    def tick() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    try:
        start = time.perf_counter()
        for _ in range(3):
            _core.read(data, "json", {}, "")
        elapsed = time.perf_counter() - start
    finally:
        done.set()
        t.join()
    if elapsed > 0.1:
        assert ticks >= elapsed / 0.001 * 0.1, (ticks, elapsed)
