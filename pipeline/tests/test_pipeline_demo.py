from django.core.management import call_command

from leadership.models import District, User
from pipeline.models import Candidate, CandidateChange, Demographics, Stage


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
    assert Demographics.objects.filter(user__candidacies__district=lakeview).count() >= 15
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first
    admin = User.objects.get(email="admin@lakeview.test")
    client.force_login(admin, backend="leadership.sso.backends.PersonBackend")
    body = client.get("/pipeline/").content.decode()
    assert "Nobody ready" in body
