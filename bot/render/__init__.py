"""Renderers: one core model, many outputs (terminal, Markdown, JSON, Discord embeds)."""
