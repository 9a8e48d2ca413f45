from tests.security import matrix
from tests.security.hostile import EXAMPLES


def pytest_terminal_summary(terminalreporter):
    """Lines the lead can quote: how many hostile examples each form received, and how many
    (role, endpoint) pairs the authorisation matrix checked."""
    if EXAMPLES:
        counts = ", ".join(f"{form} {n}" for form, n in sorted(EXAMPLES.items()))
        terminalreporter.write_line(f"Hostile examples per form: {counts}")
    if line := matrix.summary():
        terminalreporter.write_line(line)
