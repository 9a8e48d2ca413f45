"""Yearly statistics and the Department of Justice's reports (issue 6)."""
