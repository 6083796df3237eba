"""The GIL is released while C++ converts: other Python threads keep running."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

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
    data = big_json(20000)
    expected = copydesk.convert(data, from_format="json", to_format="json")
    results: dict[int, list[bytes]] = {0: [], 1: []}
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            for _ in range(3):
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
    assert results[0] == results[1] == [expected] * 3


def ticks_during(call: Callable[[], object]) -> tuple[list[float], float, float]:
    """Runs call() while another thread records a timestamp every millisecond."""
    ticks: list[float] = []
    done = threading.Event()

    def tick() -> None:
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    try:
        time.sleep(0.05)
        start = time.perf_counter()
        call()
        end = time.perf_counter()
    finally:
        done.set()
        t.join()
    return [x for x in ticks if start < x < end], start, end


def assert_other_thread_ran_throughout(ticks: list[float], start: float, end: float) -> None:
    # Holding the GIL, the C++ call would leave no tick after its first switch interval (5 ms).
    elapsed = end - start
    points = [start, *ticks, end]
    largest_gap = max(b - a for a, b in zip(points, points[1:]))
    assert len(ticks) >= 10 and largest_gap < 0.5 * elapsed, (len(ticks), largest_gap, elapsed)


def test_other_threads_progress_during_a_large_conversion() -> None:
    # Grow the input until one C++ conversion takes long enough to measure.
    n = 5000
    data = big_json(n)
    while timed_convert(data) < 0.3 and n < 2_000_000:
        n *= 2
        data = big_json(n)
    ticks, start, end = ticks_during(lambda: _core.convert(data, "json", "json", {}, ""))
    assert end - start >= 0.2
    assert_other_thread_ran_throughout(ticks, start, end)
    ticks, start, end = ticks_during(lambda: _core.read(data, "json", {}, ""))
    assert_other_thread_ran_throughout(ticks, start, end)
    text = _core.read(data, "json", {}, "")
    ticks, start, end = ticks_during(lambda: _core.write(text, "json", {}))
    assert_other_thread_ran_throughout(ticks, start, end)


def test_the_measure_detects_a_held_gil() -> None:
    # The same measure on a call known to hold the GIL (bytes.replace on ~100 MB) fails.
    big = b"ab" * 50_000_000
    ticks, start, end = ticks_during(lambda: big.replace(b"a", b"cc"))
    if end - start < 0.05:
        return  # too fast on this machine to tell
    with pytest.raises(AssertionError):
        assert_other_thread_ran_throughout(ticks, start, end)
