import pytest

from notices import notify as notify_module


@pytest.fixture(autouse=True)
def _no_broker(monkeypatch):
    """Tests never talk to the laptop's broker: enqueueing the send task is recorded instead."""
    calls = []
    monkeypatch.setattr(notify_module, "_enqueue_send", lambda: calls.append(1))
    return calls
