def section(request):
    """This app's part of the home page (see leadership/home.py)."""
    return {}
