"""Sync between peers: the wire format, TLS transport, bundle files, discovery.

Depends on the core only (`resilient_zcc`), never on Qt. What the messages mean (trust,
membership, merging) is decided in `resilient_zcc.network`; this package carries them.
"""
