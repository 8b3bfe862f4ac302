"""Demo data for outcomes and KPIs: six years (2020–2025) of the demo clusters' member
companies' patents, approvals, export contracts, revenue, employment, investments,
trials, technology transfers, national R&D projects and a few IPOs and M&As, with
monthly exchange rates from 2019, mostly verified, some waiting, a few rejected with
reasons and some confidential; the press's figures reproduced where they name a
cluster and year (`figures.py`); and an Excel import round trip of 2019.
`manage.py seed_demo` loads it (`loader.py`).
"""
