"""How much of one article a brief reads: its opening sentences, bounded in count and characters.

A brief's cost follows the sentences it considers. Bounding them per article keeps a huge article
(a log dump stored before the ingest gate, a book) from costing more than a long news story.
"""

from __future__ import annotations

# A news story rarely needs more than its first 100 sentences; a brief considers no more.
MAX_SENTENCES = 100
# Stored sentences read per article (their JSON, about 170 characters a sentence), and body text.
MAX_SENTENCE_JSON_CHARS = 64_000
MAX_BODY_CHARS = 64_000
