"""Coordination protocols written by teams (HAS method), with their versions,
indicators and review dates, and the library shared with the network."""
