"""Helpers the test modules share. A test module imports from here (or uses a conftest fixture),
never from another test module or from conftest: each `test_*.py` stays a leaf."""
