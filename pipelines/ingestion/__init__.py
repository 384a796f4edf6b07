"""Ingestion: one adapter per snapshot format, landing raw, staging and quarantine rows."""
