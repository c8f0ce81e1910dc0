"""Scarce resources: stocks per location or depot, requests, allocation and its conflicts."""
