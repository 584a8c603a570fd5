"""Coordination protocols written by teams, and national cooperation protocols
declared, followed and financed."""
