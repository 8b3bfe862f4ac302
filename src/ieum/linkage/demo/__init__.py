"""Demo data for hospital and expert linkage: the services the research hospitals,
clusters, the testing institute and two regulatory firms offer, and two years of
requests walked through the real workflow. `manage.py seed_demo` loads it."""
