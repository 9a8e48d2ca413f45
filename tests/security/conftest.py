from tests.security.hostile import EXAMPLES


def pytest_terminal_summary(terminalreporter):
    """One line the lead can quote: how many hostile examples each form received."""
    if EXAMPLES:
        counts = ", ".join(f"{form} {n}" for form, n in sorted(EXAMPLES.items()))
        terminalreporter.write_line(f"Hostile examples per form: {counts}")
