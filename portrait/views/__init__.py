"""The portrait app's views, a module per area."""
