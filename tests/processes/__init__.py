"""Separate OS processes sharing one PostgreSQL store (issue 18): work done once across processes.

Each test starts real briefbot processes (``python -m bot feed poll``, or ``briefbot run`` through
``bot_child`` pointed at the test's Discord double) on a database of the throwaway cluster
(``tests.pg``), and watches them from outside: the local feed site (``feed_site``) counts every
feed's requests, the double counts every post to a channel, the store's rows tell the rest.

- ``test_feed_polling``: two ``feed poll`` processes poll each of 200 feeds once, together, and
  store each article once.
- ``test_poller_killed``: kill -9 of a poller mid-poll; its claims lapse after the lease
  (``BRIEFBOT_FEED_CLAIM_LEASE_SECONDS``) and another process polls them; nothing lost or twice.
- ``test_digest_race``: 100 racing ``/digest now`` and both bots' scheduled catch-up: one post
  per channel and period.
- ``test_digest_killed``: kill -9 of one of two bots mid-post (before or after Discord took the
  message); the survivor takes the stale claim over (``BRIEFBOT_DIGEST_STALE_CLAIM_SECONDS``),
  looks in the channel and posts exactly once.

Processes are caught mid-work by waiting for a signal (a request held at the site or the double),
not by sleeping; the only waits are for a lease or a stale limit to pass, which is what is tested.
Without the PostgreSQL server binaries the tests skip, saying so (``tests.pg``).
"""
