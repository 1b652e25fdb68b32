"""Leadership opportunities: openings to lead, applications, selections, experience."""
