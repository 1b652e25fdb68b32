"""Succession (issue 15): every leadership position, who held it and when, the openings
ahead, a ranked slate of successors for each, and placements that close the loop.

models.py (imported by pipeline/models.py), access.py (the only way from a request's id to
a position, slate or entry), projection.py (openings ahead and the turnover arithmetic),
bench.py (the succession page's figures: coverage, thin spots, people on several slates),
suggestions.py, services.py (every change, audited), forms.py, views.py, alerts.py and
tasks.py (the monthly digest and the once-only alert), exports.py.
"""
