from django import forms


class ReminderPreferenceForm(forms.Form):
    reminder_emails = forms.BooleanField(
        required=False,
        label="Email me reminders (assignments due, sessions tomorrow, weekly digest)",
        help_text="Emails about your nominations always arrive.",
    )
