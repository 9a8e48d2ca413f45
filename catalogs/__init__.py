"""The public-disclosure and conditional-access catalogs (issue 3)."""
