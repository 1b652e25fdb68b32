"""Credit hours: a person's transcript for a school year (page, PDF, CSV) and every person's
hours for a district's admins (programs/transcripts.py builds them)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from leadership import access as people_access
from leadership import school_year
from programs import access, transcripts

YEARS_SHOWN = 5  # this school year and the four before it, in the year picker
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _year(year):
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("No such school year.")
    return year


def _download(content, content_type, name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _name(found, ext):
    return f"transcript-{slugify(found.person.full_name) or found.person.pk}-{found.year}.{ext}"


@login_required
def transcript_page(request, person_id):
    person, district = access.get_transcript_person_for_user(request.user, person_id)
    year = _year(school_year.year_from_request(request.GET.get("year")))
    now = school_year.current_year()
    years = [(y, school_year.label(y)) for y in range(now, now - YEARS_SHOWN, -1)]
    if year not in dict(years):
        years.append((year, school_year.label(year)))
    return render(
        request,
        "programs/transcript.html",
        {
            "transcript": transcripts.transcript(person, district, year),
            "years": years,
            "is_self": person.pk == request.user.pk,
        },
    )


@login_required
def transcript_pdf(request, person_id, year):
    person, district = access.get_transcript_person_for_user(request.user, person_id)
    found = transcripts.transcript(person, district, _year(year))
    return _download(transcripts.transcript_pdf(found), "application/pdf", _name(found, "pdf"))


@login_required
def transcript_csv(request, person_id, year):
    person, district = access.get_transcript_person_for_user(request.user, person_id)
    found = transcripts.transcript(person, district, _year(year))
    return _download(
        transcripts.transcript_csv(found), "text/csv; charset=utf-8", _name(found, "csv")
    )


@login_required
def hours_export(request, year):
    """Every person's hours in the district for a school year: its admins only (403)."""
    district = people_access.require_admin_district(request.user)
    text = transcripts.district_hours_csv(district, _year(year))
    return _download(text, "text/csv; charset=utf-8", f"hours-{district.slug}-{year}.csv")
