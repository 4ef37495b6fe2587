"""Faults after delivery and message nonces: Discord stores a message, then the answer is lost.

``inject_status_after_delivery`` lets the route run (the message is created) and answers with
a server error instead of its result, as a failing load balancer would. A message created with
``nonce`` and ``enforce_nonce`` is remembered: the same author repeating that nonce in the same
channel within ``NONCE_WINDOW_S`` gets the first message back (200) and nothing new is created.
"""

from __future__ import annotations

import asyncio

from tests.discord_double.hub import DoubleHub, Fault
from tests.discord_double.state import JsonObject, RecordedMessage

# Discord checks nonces "in the past few minutes".
NONCE_WINDOW_S = 300.0


def take_delivered_fault(hub: DoubleHub, request_line: str) -> Fault | None:
    """Consume one use of the first after-delivery fault matching ``"METHOD /path"``."""
    for fault in hub.delivered_faults:
        if fault.matches(request_line):
            fault.remaining -= 1
            return fault
    return None


def _enforced_nonce(body: JsonObject) -> str | None:
    nonce = body.get("nonce")
    if nonce is None or not body.get("enforce_nonce"):
        return None
    return str(nonce)


def repeated_message(
    hub: DoubleHub, channel_id: int, author_id: int, body: JsonObject
) -> RecordedMessage | None:
    """The message this author already created with this enforced nonce, if still recent."""
    nonce = _enforced_nonce(body)
    if nonce is None:
        return None
    seen = hub.nonces.get((channel_id, author_id, nonce))
    if seen is None or asyncio.get_running_loop().time() - seen[1] > NONCE_WINDOW_S:
        return None
    return hub.message(seen[0])


def remember_nonce(hub: DoubleHub, message: RecordedMessage, body: JsonObject) -> None:
    """Note the enforced nonce of a message just created."""
    nonce = _enforced_nonce(body)
    if nonce is not None:
        key = (message.channel_id, message.author.id, nonce)
        hub.nonces[key] = (message.id, asyncio.get_running_loop().time())
