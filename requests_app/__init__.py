"""Citizen information requests and the officers' workflow (issue 4)."""
