"""Demo facilities and equipment of the demo clusters, with six months of activity.

`catalog/` describes what each cluster lends; `loader.py` writes it and its activity
(`activity.py`, `history.py`, `upcoming.py`); `seed_demo` calls the loader.
"""
