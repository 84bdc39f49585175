"""Conformance harness: Microsoft Recognizers-Text specs scored against claimcheck.

specs.py loads the copied spec files (tests/data/recognizers-text), score.py compares an
adapter's output with the gold entities case by case, adapters.py maps claimcheck
functions onto each spec model. tests/test_conformance.py and tools/conformance.py are
the two users.
"""
