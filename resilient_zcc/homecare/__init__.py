"""Power-dependent care at home: counts per provider and area, never a client's identity."""
