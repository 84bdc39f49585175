"""Shared test settings: the hypothesis profile.

Every hypothesis test runs without a deadline (CI machines are slow and noisy; what is
timed on purpose is timed in tests/test_linear.py, as ratios) and may draw slowly. Each
test sets its own example count, sized so that all of the suite's hypothesis tests stay
under a minute; benchmarks/fuzz.py is the long run of tests/test_fuzz.py's properties.
"""

from hypothesis import HealthCheck, settings

settings.register_profile("claimcheck", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("claimcheck")
