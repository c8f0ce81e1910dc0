"""Capacity: locations, categories, reports as immutable facts, and the picture they add up to."""
