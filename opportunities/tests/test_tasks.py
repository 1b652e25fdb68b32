from notices.models import Notification, Outbox
from notices.tasks import send_due_outbox
from opportunities.tasks import remind_unsent_applications
from opportunities.tests.conftest import sent


def test_it_reminds_people_with_an_unsent_draft_once(cast, make_opportunity, school, mailoutbox):
    soon = make_opportunity(school=school, days=2)
    later = make_opportunity(title="Closes much later", school=school, days=30)
    sent(soon, cast["teacher"], status="draft")
    sent(later, cast["coach"], status="draft")
    sent(soon, cast["principal"], status="submitted")

    assert remind_unsent_applications() == 1
    assert remind_unsent_applications() == 0
    send_due_outbox()
    send_due_outbox()

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [cast["teacher"].email]
    assert "not sent yet" in mailoutbox[0].subject
    assert "Review the grade 7 science units" in mailoutbox[0].body
    assert Notification.objects.filter(recipient=cast["teacher"]).count() == 1


def test_it_respects_a_person_who_turned_reminders_off(cast, make_opportunity, school):
    teacher = cast["teacher"]
    teacher.reminder_emails = False
    teacher.save(update_fields=["reminder_emails"])
    sent(make_opportunity(school=school, days=1), teacher, status="draft")
    remind_unsent_applications()
    assert not Outbox.objects.exists()
    assert Notification.objects.filter(recipient=teacher).exists()


def test_it_skips_closed_and_past_opportunities(cast, make_opportunity, school):
    past = make_opportunity(school=school, days=-1)
    filled = make_opportunity(title="Filled", school=school, days=1, status="filled")
    sent(past, cast["teacher"], status="draft")
    sent(filled, cast["teacher"], status="draft")
    assert remind_unsent_applications() == 0
