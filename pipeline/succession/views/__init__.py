"""Succession's views: the overview and its export (overview.py), positions and their
holders (positions.py), slates and placement (slates.py), the district's settings
(settings.py). Every view reads through pipeline/succession/access.py and is audited."""
