"""The access audit cannot be altered by the application, and any change made behind its back is detected: a hash
chain verified by `frontdoor verify_audit`, one chain however many writers, and the privacy officer's reports."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access, seal_chain, verify_chain
from frontdoor.access.models import AccessAudit, AppendOnlyError, AuditChainHead, AuditOutcome
from frontdoor.access.roles import Role
from frontdoor.core.registry import list_jobs
from frontdoor.web.admin import admin_site
from support.factories import AddressFactory, AgencyFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def write_rows(n: int, person=None) -> list[AccessAudit]:
    """n rows, sealed onto the chain as the worker would seal them."""
    user = UserFactory(roles=[Role.MASH_SOCIAL_WORKER])
    actor = Actor(user=user, role=Role.MASH_SOCIAL_WORKER, agency=user.agency, request_id="req-00000001")
    person = person or PersonFactory()
    rows = [
        record_access(actor, person, action="view_person", purpose=f"look {i}", outcome=AuditOutcome.ALLOWED)
        for i in range(n)
    ]
    seal_chain()
    return [AccessAudit.objects.get(pk=row.pk) for row in rows]


def verify() -> str:
    from io import StringIO

    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


def test_an_untouched_chain_verifies(capsys) -> None:
    rows = write_rows(5)
    assert [r.seq for r in rows] == [1, 2, 3, 4, 5]
    assert rows[1].prev_hash == rows[0].row_hash
    assert "intact: 5 rows verified" in verify()


def test_a_row_changed_with_raw_sql_is_found() -> None:
    rows = write_rows(5)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE access_accessaudit SET purpose = %s WHERE id = %s", ["nothing to see", rows[2].pk])
    with pytest.raises(CommandError, match=rf"broken at row 3 \(id {rows[2].pk}\): its content does not match"):
        verify()


def test_a_row_deleted_with_raw_sql_is_found() -> None:
    rows = write_rows(5)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM access_accessaudit WHERE id = %s", [rows[1].pk])
    with pytest.raises(CommandError, match=r"row 2 is missing"):
        verify()


def test_the_last_row_deleted_with_raw_sql_is_found() -> None:
    rows = write_rows(3)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM access_accessaudit WHERE id = %s", [rows[-1].pk])
    report = verify_chain()
    assert not report.ok and "the chain head says 3 rows" in report.problem


def test_a_rehashed_forgery_still_breaks_the_link_to_the_next_row() -> None:
    rows = write_rows(4)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE access_accessaudit SET row_hash = %s WHERE id = %s", ["f" * 64, rows[1].pk])
    report = verify_chain()
    assert (report.ok, report.first_broken_seq) == (False, 2)


def test_rows_are_written_unsealed_and_the_worker_seals_them_in_order() -> None:
    user = UserFactory(roles=[Role.MASH_SOCIAL_WORKER])
    actor = Actor(user=user, role=Role.MASH_SOCIAL_WORKER, agency=user.agency)
    first = record_access(actor, None, action="search", purpose="search by name", outcome=AuditOutcome.ALLOWED)
    assert first.seq is None and verify_chain().unsealed == 1
    assert "seal_audit_chain" in {job.name for job in list_jobs()}
    assert seal_chain() == 1 and seal_chain() == 0
    second = record_access(actor, None, action="search", purpose="search by name", outcome=AuditOutcome.ALLOWED)
    assert "Sealed 1 rows" in verify() and "intact: 2 rows verified" in verify()
    rows = list(AccessAudit.objects.order_by("seq"))
    assert [r.pk for r in rows] == [first.pk, second.pk] and rows[1].prev_hash == rows[0].row_hash


def test_the_application_cannot_change_or_delete_a_row() -> None:
    [row] = write_rows(1)
    row.purpose = "changed"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        AccessAudit.objects.filter(pk=row.pk).update(purpose="changed")
    with pytest.raises(AppendOnlyError):
        AccessAudit.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AccessAudit.objects.bulk_create([AccessAudit(seq=99, action="x", purpose="x", outcome="allowed")])
    assert AccessAudit.objects.get().purpose == "look 0"
    assert verify_chain().ok


def test_the_admin_site_shows_the_audit_read_only(client) -> None:
    [row] = write_rows(1)
    model_admin = admin_site._registry[AccessAudit]
    admin_user = UserFactory(roles=[Role.SYSTEM_ADMINISTRATOR])
    client.force_login(admin_user)
    from frontdoor.access.middleware import ACTIVE_ROLE_KEY

    session = client.session
    session[ACTIVE_ROLE_KEY] = Role.SYSTEM_ADMINISTRATOR
    session.save()
    request = client.get(f"/admin/access/accessaudit/{row.pk}/change/").wsgi_request
    assert not model_admin.has_change_permission(request, row)
    assert not model_admin.has_delete_permission(request, row)
    assert not model_admin.has_add_permission(request)
    assert client.post(f"/admin/access/accessaudit/{row.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AccessAudit.objects.filter(pk=row.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_chain() -> None:
    """Threads with their own connections write at once, then three sealers race: the head lock keeps every row on
    one chain."""
    user = UserFactory(roles=[Role.MASH_SOCIAL_WORKER])
    person = PersonFactory()
    actor = Actor(user=user, role=Role.MASH_SOCIAL_WORKER, agency=user.agency)
    threads, per_thread, errors = 6, 15, []
    start = threading.Barrier(threads)

    def writer(n: int) -> None:
        try:
            start.wait()
            for i in range(per_thread):
                record_access(actor, person, action="view_person", purpose=f"t{n} {i}", outcome="allowed")
        except Exception as exc:  # collected and asserted below
            errors.append(repr(exc))
        finally:
            connections.close_all()

    workers = [threading.Thread(target=writer, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    total = threads * per_thread
    sealers = [threading.Thread(target=lambda: (seal_chain(batch=7), connections.close_all())) for _ in range(3)]
    for s in sealers:
        s.start()
    for s in sealers:
        s.join()
    assert sorted(AccessAudit.objects.values_list("seq", flat=True)) == list(range(1, total + 1))
    assert AuditChainHead.objects.get().seq == total
    assert verify_chain().ok


# --- Who has looked, and unusual access ---------------------------------------------------------------------


def act_as(client, user, role: str) -> None:
    from frontdoor.access.middleware import ACTIVE_ROLE_KEY

    client.force_login(user)
    session = client.session
    session[ACTIVE_ROLE_KEY] = role
    session.save()


@pytest.mark.parametrize("role", [Role.PRIVACY_OFFICER, Role.MASH_MANAGER])
def test_who_has_looked_lists_every_look_and_is_itself_on_record(client, role) -> None:
    person = PersonFactory(first_name="Ruby")
    write_rows(3, person=person)
    reviewer = UserFactory(roles=[role])
    act_as(client, reviewer, role)
    html = client.get(f"/access/people/{person.pk}/looks/").content.decode()
    assert html.count("Opened the record") == 3 and "Ruby" not in html  # the log names no one it is about
    assert AccessAudit.objects.filter(actor=reviewer, person=person, action="view_access_log").count() == 1


@pytest.mark.parametrize("role", [Role.MASH_SOCIAL_WORKER, Role.ANALYST, Role.SYSTEM_ADMINISTRATOR])
def test_who_has_looked_is_for_authorised_roles_only(client, role) -> None:
    person = PersonFactory()
    act_as(client, UserFactory(roles=[role]), role)
    assert client.get(f"/access/people/{person.pk}/looks/").status_code == 403


def test_planted_unusual_access_is_reported_and_an_ordinary_look_is_not(client) -> None:
    agency = AgencyFactory()
    relative = UserFactory(last_name="Ashdown", agency=agency, roles=[Role.MASH_SOCIAL_WORKER])
    neighbour = UserFactory(home_postcode="es4 1aa", agency=agency, roles=[Role.MASH_SOCIAL_WORKER])
    browser = UserFactory(agency=agency, roles=[Role.MASH_SOCIAL_WORKER])
    repeater = UserFactory(agency=agency, roles=[Role.MASH_SOCIAL_WORKER])
    ordinary = UserFactory(agency=agency, roles=[Role.MASH_SOCIAL_WORKER])
    cousin = PersonFactory(last_name="ASHDOWN")
    next_door = PersonFactory()
    AddressFactory(person=next_door, postcode="ES4 1AA")

    def look(user, person):
        record_access(
            Actor(user, Role.MASH_SOCIAL_WORKER, agency), person, action="view_person", purpose="p", outcome="allowed"
        )

    look(relative, cousin)
    look(neighbour, next_door)
    for _ in range(30):
        look(browser, PersonFactory())
    stalked = PersonFactory()
    for _ in range(12):
        look(repeater, stalked)
    look(ordinary, PersonFactory())

    act_as(client, UserFactory(roles=[Role.PRIVACY_OFFICER]), Role.PRIVACY_OFFICER)
    html = client.get("/access/reviews/").content.decode()
    assert f"(user {relative.pk})" in html and "shares the person&#39;s surname" in html
    assert f"(user {neighbour.pk})" in html and "lives at the person&#39;s postcode" in html
    assert f"(user {browser.pk})" in html and "Many different people" in html
    assert f"(user {repeater.pk})" in html and "again and again" in html
    assert f"(user {ordinary.pk})" not in html
    assert "Ashdown" not in html.replace(relative.get_full_name(), "")


def test_old_looks_fall_out_of_the_report(client) -> None:
    import time_machine

    person = PersonFactory()
    with time_machine.travel(timezone.now() - timedelta(days=40)):
        for _ in range(12):
            write_rows(1, person=person)
    act_as(client, UserFactory(roles=[Role.PRIVACY_OFFICER]), Role.PRIVACY_OFFICER)
    assert "No unusual access found" in client.get("/access/reviews/").content.decode()
