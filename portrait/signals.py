"""Signals other apps listen to, so portrait never imports the apps built on it.

feedback_given(sender=Feedback, feedback=<Feedback>)
    Sent by services.feedback_give inside its transaction, once per new feedback. A
    receiver that writes (programs queues the author's email there) joins that
    transaction: if the feedback is rolled back, so is whatever the receiver wrote.
"""

from django.dispatch import Signal

feedback_given = Signal()
