"""Placement queues: patients registered at the ZCC, matched to capacity, followed to a place."""
