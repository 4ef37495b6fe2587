"""Ingest: files, HTML and records turned into article drafts."""

from bot.ingest.discovery import SUPPORTED_SUFFIXES, Discovery, discover, discover_files
from bot.ingest.errors import IngestError, LoadResult, Rejection
from bot.ingest.loader import load_file, load_file_result, load_paths
from bot.ingest.metadata import SeedMetadata, load_seed_metadata
from bot.ingest.published import PublishedDate, parse_published

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Discovery",
    "IngestError",
    "LoadResult",
    "PublishedDate",
    "Rejection",
    "SeedMetadata",
    "discover",
    "discover_files",
    "load_file",
    "load_file_result",
    "load_paths",
    "load_seed_metadata",
    "parse_published",
]
