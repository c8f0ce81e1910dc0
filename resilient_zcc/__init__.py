"""resilient_zcc package."""
