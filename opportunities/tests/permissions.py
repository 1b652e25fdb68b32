from leadership.tests.permission_table import no_objects

objects = no_objects

ROWS = {}
