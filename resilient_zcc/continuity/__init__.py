"""Continuity of care locations during an outage: power, autonomy, what is down."""
