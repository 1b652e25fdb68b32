"""Small helpers for saying things in words."""


def counted(number, singular, plural=None):
    """ "1 seat", "2 seats", "1 person", "3 people": a count with its noun in the right number.

    Templates say the same with `|pluralize` (seat{{ n|pluralize }}).
    """
    noun = singular if number == 1 else (plural or f"{singular}s")
    return f"{number:,} {noun}"
