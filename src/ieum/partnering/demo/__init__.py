"""Partnering demo: the 2025 Global Open Innovation Week – Biohealth with its meetings,
the K-BIC venture cafe, and the events coming up. `seed_demo` loads it after the
directory and facility demos; see `loader.py`.
"""
