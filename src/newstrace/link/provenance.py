"""Provenance traces (placeholder, replaced below)."""
