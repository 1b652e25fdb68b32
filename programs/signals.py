"""Signals the apps built on programs listen to, so programs never imports them.

nomination_approved(sender=Nomination, nomination=<Nomination>, actor=<User>, note=<str>)
    Sent by services.nomination_decide inside its transaction, after the nominee is enrolled.
    The pipeline connects here (pipeline/apps.py) to move the nominee into development; a
    receiver that writes joins the transaction and is rolled back with it.
"""

from django.dispatch import Signal

nomination_approved = Signal()
