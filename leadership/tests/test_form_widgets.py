"""leadership/templatetags/form_widgets.py: a widget drawn as crispy-bootstrap5 draws it."""

from html.parser import HTMLParser

import django_filters
from django import forms
from django.template import engines

from leadership.models import User

CRISPY = (
    "{% load crispy_forms_tags %}{% for field in form %}{{ field|as_crispy_field }}{% endfor %}"
)
# candidate_list.html's way: the label, widget and errors written out.
OURS = (
    "{% load form_widgets %}{% for field in form %}"
    '<div id="div_{{ field.auto_id }}" class="mb-3">'
    '<label for="{{ field.id_for_label }}" class="form-label">{{ field.label }}</label>'
    "{{ field|bootstrap_widget }}"
    '{% if field.errors %}<div id="{{ field.auto_id }}_error" class="invalid-feedback">'
    '{% for error in field.errors %}<p id="error_{{ forloop.counter }}_{{ field.auto_id }}">'
    "<strong>{{ error }}</strong></p>{% endfor %}</div>{% endif %}</div>{% endfor %}"
)


class Tokens(HTMLParser):
    """Tags with their attributes (in any order) and text, whitespace aside: what a browser
    and a screen reader get from the HTML."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tokens = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("<", tag, tuple(sorted(attrs))))

    def handle_endtag(self, tag):
        self.tokens.append(("</", tag))

    def handle_data(self, data):
        if text := " ".join(data.split()):
            self.tokens.append(("text", text))


class Filters(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Name <contains>", max_length=5)
    level = django_filters.ChoiceFilter(
        choices=[("a", "A & B"), ("b", "B")], empty_label="Any", label="Level"
    )
    person = django_filters.ModelChoiceFilter(queryset=User.objects.order_by("pk"))
    kinds = django_filters.MultipleChoiceFilter(choices=[("x", "X"), ("y", "Y")])
    sort = django_filters.OrderingFilter(fields=(("email", "email"), ("full_name", "name")))

    class Meta:
        model = User
        fields = ["q", "level", "person", "kinds", "sort"]


def drawn(template, query):
    found = Filters(query, queryset=User.objects.all())
    found.is_valid()
    return Tokens(engines["django"].from_string(template).render({"form": found.form})).tokens


def test_it_draws_what_crispy_draws(db):
    User.objects.create_user(email="ana@maple.test", password="x", full_name="Ana <Lopez>")
    queries = [
        {},
        {"q": "abc", "level": "a", "person": str(User.objects.get().pk), "sort": "-name"},
        {"q": "far too long", "level": "zzz", "person": "999", "kinds": ["x", "q"]},
        {"sort": "name,email"},  # several orderings: django-filter draws a text box
        {"person": "not a number", "sort": "nope"},
    ]
    for query in queries:
        assert drawn(OURS, query) == drawn(CRISPY, query), query


def test_it_marks_a_refused_field_for_screen_readers(db):
    tokens = drawn(OURS, {"level": "zzz"})
    select = next(t for t in tokens if t[:2] == ("<", "select") and ("name", "level") in t[2])
    assert ("aria-invalid", "true") in select[2]
    assert ("aria-describedby", "id_level_error") in select[2]
    assert ("class", "select form-select is-invalid") in select[2]
    assert any(t[0] == "text" and "zzz is not one of the available choices" in t[1] for t in tokens)


def test_a_model_select_counts_nothing(db, django_assert_num_queries):
    form = Filters({}, queryset=User.objects.all()).form
    with django_assert_num_queries(1):  # its options, and no COUNT before them
        engines["django"].from_string("{% load form_widgets %}{{ field|bootstrap_widget }}").render(
            {"field": form["person"]}
        )


class InOrder(Tokens):
    """Tokens with each tag's attributes in the order written."""

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("<", tag, tuple(attrs)))


class Everything(forms.Form):
    name = forms.CharField(label="Name <yours>", max_length=5, help_text="At most <b>5</b>.")
    starts_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    level = forms.ChoiceField(choices=[("", "Pick"), ("a", "A & B")], help_text="Which.")
    person = forms.ModelChoiceField(queryset=User.objects.order_by("pk"), required=False)
    kinds = forms.MultipleChoiceField(choices=[("x", "X")], required=False)
    agree = forms.BooleanField(required=False)
    size = forms.ChoiceField(choices=[("s", "S"), ("m", "M")], widget=forms.RadioSelect)
    secret = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        raise forms.ValidationError("Something <wrong> across fields.")


def test_bootstrap_form_draws_what_crispy_draws_attributes_in_order(db):
    User.objects.create_user(email="ana@maple.test", password="x", full_name="Ana <Lopez>")
    bound = {"name": "far too long", "level": "zzz", "person": "999", "size": "m"}
    ours = engines["django"].from_string("{% load form_widgets %}{{ form|bootstrap_form }}")
    crispy = engines["django"].from_string("{% load crispy_forms_tags %}{{ form|crispy }}")
    for make in (Everything, lambda: Everything(initial={"level": "a"}), lambda: Everything(bound)):
        drawn = []
        for template in (ours, crispy):  # each on a form of its own: both change the widgets
            form = make()
            form.is_valid()
            drawn.append(InOrder(template.render({"form": form})).tokens)
        assert drawn[0] == drawn[1]
        assert ("text", "Name <yours>") in drawn[0]


def test_plain_widget_draws_what_as_widget_draws_attributes_in_order(db):
    User.objects.create_user(email="ana@maple.test", password="x", full_name="Ana <Lopez>")
    ours = engines["django"].from_string(
        "{% load form_widgets %}{% for field in form %}{{ field|plain_widget }}{% endfor %}"
    )
    django = engines["django"].from_string(
        "{% for field in form %}{{ field.as_widget }}{% endfor %}"
    )
    person = str(User.objects.get().pk)
    for query in ({}, {"level": "a", "person": person, "sort": "-name"}, {"level": "zzz"}):
        found = Filters(query, queryset=User.objects.all())
        found.is_valid()
        assert InOrder(ours.render({"form": found.form})).tokens == (
            InOrder(django.render({"form": found.form})).tokens
        ), query


class Boxes(forms.Form):
    name = forms.CharField(max_length=5, widget=forms.TextInput(attrs={"autofocus": True}))
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2, "spellcheck": False}))
    hours = forms.DecimalField(localize=True, required=False)
    starts_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    starts_at = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    email = forms.EmailField(help_text="Theirs.")
    link = forms.URLField(required=False, assume_scheme="https")
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    kept = forms.CharField(widget=forms.HiddenInput, required=False)


def test_an_input_or_textarea_is_exactly_what_django_draws(db):
    """Text boxes are written in Python (form_widgets._as_widget): byte for byte what
    Django's input.html and textarea.html give, every value escaped."""
    from django.utils.safestring import mark_safe

    from leadership.templatetags.form_widgets import plain_widget

    hostile = {
        "name": '"><script>x</script>',
        "note": 'a <b>bold</b> & "quoted" note',
        "hours": "1.5",
        "starts_on": "2026-01-02",
        "starts_at": "2026-01-02T09:30",
        "email": "not an email",
        "link": "javascript:alert(1)",
        "secret": "s3<cr>et",
        "kept": "'&'",
    }
    initial = {"name": mark_safe("<i>x</i>"), "note": mark_safe("<i>y</i>"), "hours": 2}
    for form in (Boxes(), Boxes(initial=initial), Boxes(hostile), Boxes({"note": ""})):
        form.is_valid()
        for field in form:
            assert plain_widget(field) == field.as_widget(), field.name
    assert "&lt;script&gt;" in plain_widget(Boxes(hostile)["name"])
