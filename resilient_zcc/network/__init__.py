"""The region network: who belongs to it, how a device joins, and whom we trust.

No sockets here: `sync/` carries the messages; this package decides what they mean.
"""
