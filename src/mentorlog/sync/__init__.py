"""Sync between devices through git (SPEC §8)."""
