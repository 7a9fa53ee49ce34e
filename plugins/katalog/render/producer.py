"""Katalog's own rendering, done ahead in a second process while MkDocs renders the pages.

MkDocs builds pages one at a time on one core. Everything Katalog adds to a page (an entry's
header and footer, a term page, an overview) and the search files depend only on the catalogue,
which is complete before MkDocs renders its first page. So on a machine with a second core a
forked process renders them, in the order MkDocs will ask for them, and sends them back in
batches; MkDocs' process takes each when it gets there. Without a second core (or under
`mkdocs serve`, whose threads make forking unsafe) the same functions run in place, on demand.
Either way the output is the same, byte for byte (tests/test_build.py compares the two).
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Protocol

from ..core.parallel import fork_context

BATCH = 64  # results per message: few enough to arrive early, many enough to be cheap to send


class ProducerError(Exception):
    """The other process failed or vanished; the message says what it reported."""


class Producer(Protocol):
    def get(self, key: str) -> object: ...

    def last(self) -> object: ...

    def close(self, cancel: bool = False) -> None: ...


Jobs = list[tuple[str, Callable[[], object]]]


class InlineProducer:
    """Runs each job when asked for it."""

    def __init__(self, jobs: Jobs, last: Callable[[], object]) -> None:
        self.jobs = dict(jobs)
        self.make_last = last
        self.done_last: list[object] = []

    def get(self, key: str) -> object:
        return self.jobs[key]()

    def last(self) -> object:
        if not self.done_last:
            self.done_last.append(self.make_last())
        return self.done_last[0]

    def close(self, cancel: bool = False) -> None:
        pass


class _Failure:
    def __init__(self, message: str) -> None:
        self.message = message


_LAST = "\0last"  # a key no page has


def _produce(jobs: Jobs, last: Callable[[], object], sender: Connection) -> None:
    batch: dict[str, object] = {}
    try:
        for key, make in jobs:
            batch[key] = make()
            if len(batch) >= BATCH:
                sender.send(batch)
                batch = {}
        batch[_LAST] = last()
        sender.send(batch)
    except BaseException:  # whatever it was, the other process must hear of it
        failure = _Failure(traceback.format_exc())
        try:
            if batch and _LAST not in batch:
                sender.send(batch)  # what was made before the failure
            sender.send(failure)
        except OSError:
            pass  # the pipe is gone: nobody is listening any more
    finally:
        sender.close()


class ForkedProducer:
    """Runs the jobs in order in a forked process; `get` waits for a result only if it is not there yet.

    A thread takes results off the pipe as they come: were they taken only when asked for, the other
    process would wait on a full pipe while this one is busy, and the two would take turns."""

    def __init__(self, jobs: Jobs, last: Callable[[], object]) -> None:
        context = fork_context()
        receiver, sender = context.Pipe(duplex=False)
        # Forked, so the jobs (closures over the catalogue) are inherited, never pickled.
        self.process = context.Process(target=_produce, args=(jobs, last, sender), daemon=True)
        self.process.start()
        sender.close()
        self.ready: dict[str, object] = {}
        self.failure: str | None = None
        self.finished = False
        self.arrived = threading.Condition()
        self.reader = threading.Thread(target=self._read, args=(receiver,), name="katalog-producer", daemon=True)
        self.reader.start()

    def _read(self, receiver: Connection) -> None:
        try:
            while True:
                try:
                    message = receiver.recv()
                except EOFError:
                    self.process.join(timeout=10)
                    failure = f"the rendering process stopped (exit code {self.process.exitcode})"
                    self._arrive({}, failure, finished=True)
                    return
                if isinstance(message, _Failure):
                    self._arrive({}, message.message, finished=True)
                    return
                assert isinstance(message, dict)
                self._arrive(message, None, finished=_LAST in message)
                if _LAST in message:
                    return
        finally:
            receiver.close()

    def _arrive(self, results: dict[str, object], failure: str | None, *, finished: bool) -> None:
        with self.arrived:
            self.ready.update(results)
            if failure is not None and self.failure is None:
                self.failure = failure
            self.finished = self.finished or finished
            self.arrived.notify_all()

    def get(self, key: str) -> object:
        with self.arrived:
            while key not in self.ready:
                if self.failure is not None:
                    raise ProducerError(self.failure)
                if self.finished:
                    raise ProducerError("the result was never made")
                self.arrived.wait()
            return self.ready.pop(key) if key != _LAST else self.ready[key]

    def last(self) -> object:
        return self.get(_LAST)

    def close(self, cancel: bool = False) -> None:
        """Wait for the other process to end (it has sent everything), or stop it when cancelling."""
        if not cancel:
            self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()
        self.reader.join(timeout=10)
