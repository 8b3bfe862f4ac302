"""Demo data for support programs: 김해's strong-SME cohort call of 2026 reviewed to its
cohort of twenty, the national K-BioHealth regional-center call of 2025 with its six
host institutions, 광주's full-cycle support of implantable biomaterial devices since
2023, a 광주 call under blind review now, and two 김해 calls open now. Everything is
walked through the programs' domain functions; `manage.py seed_demo` loads it."""
