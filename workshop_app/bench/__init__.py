"""`workshop-app bench`: save latency and start-up time, measured against baselines in one run.

Kept import-light: `python -m workshop_app.bench.first_frame` is timed from process start,
so nothing here may pull in rich, sqlite3 or tinydb.
"""
