from django.core.management import call_command

from leadership.models import District, Level, User
from pipeline.models import Candidate, CandidateChange, Demographics, Stage
from pipeline.suppression import SUPPRESS_BELOW
from pipeline.tests.test_representation_privacy import published


def snapshot():
    return (
        sorted(Candidate.objects.values_list("user__email", "stage", "readiness", "school_id")),
        CandidateChange.objects.count(),
        sorted(Demographics.objects.values_list("user__email", "gender", "race_ethnicity")),
    )


def test_it_fills_lakeviews_pipeline_once(db, client):
    call_command("seed_demo")
    lakeview = District.objects.get(slug="lakeview")
    candidates = Candidate.objects.filter(district=lakeview)
    assert set(candidates.values_list("stage", flat=True)) == set(Stage.values)
    assert candidates.exclude(school=None).values("school").distinct().count() == 3
    for school in lakeview.schools.all():
        assert candidates.filter(school=school).values("stage").distinct().count() >= 4
    assert Demographics.objects.filter(user__candidacies__district=lakeview).count() >= 80
    # They aim beyond the classroom: at leading a school and the district office.
    aims = set(candidates.values_list("target_level", flat=True))
    assert {Level.SCHOOL, Level.DISTRICT} <= aims
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first
    admin = User.objects.get(email="admin@lakeview.test")
    client.force_login(admin, backend="leadership.sso.backends.PersonBackend")
    body = client.get("/pipeline/").content.decode()
    assert "Nobody ready" in body
    # The equity view shows real counts where a group is large and hides the small ones.
    for caption in ("Gender, by stage", "Race and ethnicity, by stage"):
        cells = [n for row in published(body)[caption]["cells"] for n in row]
        assert any(n is not None and n >= SUPPRESS_BELOW for n in cells), caption
        assert None in cells, caption
