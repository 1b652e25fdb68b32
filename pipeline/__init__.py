"""The district's pipeline: candidates, dashboard, roster import, CASE interchange, audit."""
