"""Ingest: files, HTML and records turned into article drafts."""
