"""Demo data for Ieum: the real K-BioHealth network plus generated companies and accounts.

Load it with `ieum seed_demo`; see `loader.py` for how, `people.py` for the logins.
"""
