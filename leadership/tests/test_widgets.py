"""leadership/widgets.py: long selects written without a template per option."""

from django import forms

from leadership.models import User
from leadership.widgets import QuickSelect, option_tags


def test_option_tags_escape_values_and_labels_and_mark_the_chosen():
    html = str(option_tags([(1, "Tom & <Jerry>"), ('"2"', "Two")], 1))
    assert '<option value="1" selected>Tom &amp; &lt;Jerry&gt;</option>' in html
    assert '<option value="&quot;2&quot;">Two</option>' in html


def test_a_model_select_labels_people_by_name_or_else_email(db):
    named = User.objects.create_user(email="ana@maple.test", password="x", full_name="Ana Lopez")
    nameless = User.objects.create_user(email="nobody@maple.test", password="x")

    class Form(forms.Form):
        person = forms.ModelChoiceField(
            queryset=User.objects.order_by("email"),
            widget=QuickSelect(label_field=("full_name", "email")),
        )

    html = str(Form(initial={"person": nameless.pk})["person"])
    assert f'<option value="{named.pk}">Ana Lopez</option>' in html
    assert f'<option value="{nameless.pk}" selected>nobody@maple.test</option>' in html
    assert '<option value="">---------</option>' in html
    assert 'id="id_person"' in html


def test_option_tags_write_a_disabled_option_with_its_reason_and_never_select_it():
    html = str(option_tags([(1, "Tom"), (2, "Ann <A>")], {"2"}, disabled={2: "left & gone"}))
    assert '<option value="1">Tom</option>' in html
    assert '<option value="2" disabled>Ann &lt;A&gt; — left &amp; gone</option>' in html


def test_a_quick_select_carries_disabled_options_with_reasons(db):
    class Form(forms.Form):
        person = forms.IntegerField(
            widget=QuickSelect(choices=[("", "Choose"), (1, "Tom"), (2, "Ann")])
        )

    form = Form()
    form.fields["person"].widget.disabled = {1: "already enrolled"}
    html = str(form["person"])
    assert '<option value="1" disabled>Tom — already enrolled</option>' in html
    assert '<option value="2">Ann</option>' in html
