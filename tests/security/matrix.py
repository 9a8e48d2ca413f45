"""What the authorisation matrix checked in this run, for the end-of-run summary line."""

from collections import Counter

# (role, endpoint) -> how many times that pair was checked.
CHECKED: Counter[tuple[str, str]] = Counter()


def record(role: str, endpoint: str) -> None:
    CHECKED[(role, endpoint)] += 1


def summary() -> str | None:
    if not CHECKED:
        return None
    roles = {role for role, _endpoint in CHECKED}
    endpoints = {endpoint for _role, endpoint in CHECKED}
    return (
        f"Authorisation cases: {len(roles)} roles × {len(endpoints)} endpoints = "
        f"{sum(CHECKED.values())} checked"
    )
