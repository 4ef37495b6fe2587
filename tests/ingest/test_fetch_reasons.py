"""Network failures in words, not the resolver's or socket's C library text."""

from __future__ import annotations

import errno
import socket

from bot.ingest.fetch import connect_reason, dns_reason


def test_dns_failures_say_no_such_host() -> None:
    unknown = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    assert dns_reason(unknown) == "no such host"
    silent = socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
    assert dns_reason(silent) == "the name server did not answer; try again later"


def test_connect_failures_say_what_happened() -> None:
    refused = OSError(errno.ECONNREFUSED, "Connect call failed ('127.0.0.1', 1)")
    assert connect_reason(refused) == "connection refused"
    other = OSError(errno.EACCES, "Permission denied")
    assert connect_reason(other) == "permission denied"


def test_our_resolvers_own_sentence_is_kept() -> None:
    private = OSError("intranet.example resolves only to private addresses")
    assert dns_reason(private) == "intranet.example resolves only to private addresses"
    assert connect_reason(private) == "intranet.example resolves only to private addresses"
