"""The access audit cannot be altered by the application, and any change made behind its back, by whoever owns the
database, is detected and the row named: a keyed hash chain, sealed when each look commits, with signed checkpoints
outside the database, verified by `frontdoor verify_audit` (which only reads); and the privacy officer's reports.

The nine ways of tampering in issue 12 are each a case of `test_tampering_is_found_and_the_row_named`."""

from __future__ import annotations

import json
import logging
import re
import threading
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.utils import timezone

from frontdoor.access.audit import (
    Actor,
    record_access,
    record_accesses,
    seal_chain,
    verify_chain,
    write_checkpoint,
)
from frontdoor.access.chain import current_key, key_id_of
from frontdoor.access.models import AccessAudit, AppendOnlyError, AuditChainHead, AuditSeal, PendingSeal
from frontdoor.access.roles import Role
from frontdoor.access.verification import SEAL_GRACE
from frontdoor.core.registry import list_jobs
from frontdoor.web.admin import admin_site
from support.audit import an_actor, seal_of, sql, unkeyed_hash, write_looks
from support.factories import AddressFactory, AgencyFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def checkpoint_file(settings, tmp_path):
    settings.FRONTDOOR_AUDIT_CHECKPOINTS = tmp_path / "audit-checkpoints.jsonl"
    return settings.FRONTDOOR_AUDIT_CHECKPOINTS


def verify() -> str:
    out = StringIO()
    call_command("verify_audit", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_an_untouched_chain_verifies_against_its_checkpoint() -> None:
    rows = write_looks(5)
    seals = [seal_of(r) for r in rows]
    assert [s.seq for s in seals] == [1, 2, 3, 4, 5]
    assert seals[1].prev_hash == seals[0].row_hash and {s.key_id for s in seals} == {current_key()[0]}
    assert write_checkpoint() == 1 and write_checkpoint() == 0  # only when the chain has grown
    assert "intact: 5 rows verified, 1 checkpoints matched" in verify()


# --- Tampering by whoever owns the database: each kind is found, and the row named ------------------------------


def _edit(rows):
    sql("UPDATE access_accessaudit SET purpose = %s WHERE id = %s", ["nothing to see", rows[2].pk])
    return 3, rows[2].pk, "its content does not match its hash"


def _delete(rows):
    sql("DELETE FROM access_auditseal WHERE entry_id = %s", [rows[1].pk])
    sql("DELETE FROM access_accessaudit WHERE id = %s", [rows[1].pk])
    return 2, None, "row 2 is missing (the next row is 3)"


def _insert(rows):
    """A forged look slipped in as row 3, the rows after it renumbered, its hashes made without the key."""
    for seq in (5, 4, 3):
        sql("UPDATE access_auditseal SET seq = %s WHERE seq = %s", [seq + 1, seq])
    original = AccessAudit.objects.get(pk=rows[2].pk)
    AccessAudit.objects.create(**{f.attname: getattr(original, f.attname) for f in AccessAudit._meta.concrete_fields
                                  if f.attname != "id"})  # fmt: skip
    forged = AccessAudit.objects.order_by("-id").first()
    prev = seal_of(rows[1]).row_hash
    sql(
        "INSERT INTO access_auditseal (seq, entry_id, key_id, prev_hash, row_hash) VALUES (%s, %s, %s, %s, %s)",
        [3, forged.pk, current_key()[0], prev, unkeyed_hash(prev, [3, forged.pk])],
    )
    sql("UPDATE access_auditchainhead SET seq = 6")
    return 3, forged.pk, "its content does not match its hash"


def _reorder(rows):
    sql("UPDATE access_auditseal SET seq = 99 WHERE seq = 2")
    sql("UPDATE access_auditseal SET seq = 2 WHERE seq = 3")
    sql("UPDATE access_auditseal SET seq = 3 WHERE seq = 99")
    return 2, rows[2].pk, "its link to the previous row does not match"


def _truncate_with_the_head_wound_back(rows):
    for row in rows[3:]:
        sql("DELETE FROM access_auditseal WHERE entry_id = %s", [row.pk])
        sql("DELETE FROM access_accessaudit WHERE id = %s", [row.pk])
    sql("UPDATE access_auditchainhead SET seq = 3, last_hash = %s", [seal_of(rows[2]).row_hash])
    return 4, None, f"rows 4 to 5 are missing: the checkpoint of {_checkpoint_time()} recorded row 5 (id {rows[4].pk})"


def _rewrite_with_hashes_recomputed(rows):
    """Row 2 changed, then its MAC and every later seal recomputed as anyone without the key can: plain SHA-256."""
    sql("UPDATE access_accessaudit SET purpose = %s WHERE id = %s", ["nothing to see", rows[1].pk])
    prev = seal_of(rows[0]).row_hash
    for seq, row in enumerate(rows[1:], 2):
        mac = unkeyed_hash("", [AccessAudit.objects.filter(pk=row.pk).values_list("purpose", flat=True).get()])
        sql("UPDATE access_accessaudit SET entry_mac = %s WHERE id = %s", [mac, row.pk])
        digest = unkeyed_hash(prev, [seq, row.pk, mac])
        sql("UPDATE access_auditseal SET prev_hash = %s, row_hash = %s WHERE seq = %s", [prev, digest, seq])
        prev = digest
    sql("UPDATE access_auditchainhead SET last_hash = %s", [prev])
    return 2, rows[1].pk, "its content does not match its hash"


def _unsealed_edit(rows):
    """A look whose process died between its commit and its seal, changed while it waited for the worker."""
    [waiting] = write_looks(1, seal=False)
    sql("UPDATE access_accessaudit SET purpose = %s WHERE id = %s", ["nothing to see", waiting.pk])
    seal_chain()  # the worker runs: it must not vouch for the changed row
    assert PendingSeal.objects.count() == 0 and not AuditSeal.objects.filter(entry_id=waiting.pk).exists()
    return None, waiting.pk, "its content does not match its hash (it was changed before it was sealed)"


def _unsealed_delete(rows, capture):
    """Issue 12: a look deleted before the worker sealed it left no trace. It is now sealed as its transaction
    commits, so deleting it straight afterwards breaks the chain."""
    actor = an_actor()
    ids = []
    for i in range(2):
        with capture(execute=True), transaction.atomic():
            ids.append(record_access(actor, None, action="search", purpose=f"search {i}", outcome="allowed").pk)
    assert PendingSeal.objects.count() == 0
    sql("DELETE FROM access_auditseal WHERE entry_id = %s", [ids[0]])
    sql("DELETE FROM access_accessaudit WHERE id = %s", [ids[0]])
    return 6, None, "row 6 is missing (the next row is 7)"


def _key_removed(rows):
    """Every row rewritten as if the chain had no key (no key id, plain SHA-256 throughout)."""
    prev = "0" * 64
    for seq, row in enumerate(rows, 1):
        mac = unkeyed_hash("", [row.pk])
        sql("UPDATE access_accessaudit SET key_id = '', entry_mac = %s WHERE id = %s", [mac, row.pk])
        digest = unkeyed_hash(prev, [seq, row.pk, mac])
        sql(
            "UPDATE access_auditseal SET key_id = '', prev_hash = %s, row_hash = %s WHERE seq = %s",
            [prev, digest, seq],
        )
        prev = digest
    sql("UPDATE access_auditchainhead SET last_hash = %s", [prev])
    return 1, rows[0].pk, "it was written with audit key (none), which is not configured"


def _checkpoint_time() -> str:
    from django.conf import settings

    return json.loads(settings.FRONTDOOR_AUDIT_CHECKPOINTS.read_text().splitlines()[-1])["at"]


TAMPERINGS = {
    "edit": _edit,
    "delete": _delete,
    "insert": _insert,
    "reorder": _reorder,
    "truncate with the head wound back": _truncate_with_the_head_wound_back,
    "rewrite with hashes recomputed": _rewrite_with_hashes_recomputed,
    "unsealed edit": _unsealed_edit,
    "unsealed delete": _unsealed_delete,
    "key removed": _key_removed,
}


@pytest.mark.parametrize("kind", list(TAMPERINGS))
def test_tampering_is_found_and_the_row_named(kind, django_capture_on_commit_callbacks) -> None:
    rows = write_looks(5)
    assert write_checkpoint() == 1 and verify_chain().ok
    tamper = TAMPERINGS[kind]
    if kind == "unsealed delete":
        seq, entry_id, problem = tamper(rows, django_capture_on_commit_callbacks)
    else:
        seq, entry_id, problem = tamper(rows)
    report = verify_chain()
    assert not report.ok
    assert (report.first_broken_seq, report.first_broken_id) == (seq, entry_id)
    assert report.problem.startswith(problem), report.problem
    where = f"row {seq}" if seq is not None else "a row not on the chain"
    where += f" (id {entry_id})" if entry_id is not None else ""
    with pytest.raises(CommandError, match=rf"broken at {re.escape(where)}: {re.escape(problem)}"):
        verify()


def test_a_verifier_without_the_key_refuses_rather_than_vouches(settings) -> None:
    rows = write_looks(2)
    old_id = current_key()[0]
    settings.FRONTDOOR_AUDIT_KEY = "another-key-" + "z" * 40
    report = verify_chain()
    assert (report.ok, report.first_broken_seq, report.first_broken_id) == (False, 1, rows[0].pk)
    assert report.problem == f"it was written with audit key {old_id}, which is not configured"


# --- Sealing: at commit, never by the verifier ---------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_look_is_sealed_when_its_transaction_commits_and_a_rolled_back_one_leaves_nothing() -> None:
    actor = an_actor()
    with transaction.atomic():
        first = record_access(actor, None, action="search", purpose="one", outcome="allowed")
        second = record_access(actor, None, action="search", purpose="two", outcome="allowed")
        # SQLite seals inside the transaction (it holds the one write lock already); PostgreSQL just after commit.
        assert PendingSeal.objects.count() == (0 if connection.vendor == "sqlite" else 2)
    assert [seal_of(r).seq for r in (first, second)] == [1, 2] and PendingSeal.objects.count() == 0
    with pytest.raises(RuntimeError), transaction.atomic():
        record_access(actor, None, action="search", purpose="three", outcome="allowed")
        raise RuntimeError("the read failed")
    assert (AccessAudit.objects.count(), AuditSeal.objects.count(), PendingSeal.objects.count()) == (2, 2, 0)
    assert AuditChainHead.objects.get().seq == 2 and verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_many_looks_for_one_purpose_are_written_together_and_sealed_in_order() -> None:
    """A statutory return names thousands of children: their rows go in together, each with its own MAC and its own
    place on the chain, after a look written one at a time and before the next."""
    actor = an_actor()
    people = [PersonFactory() for _ in range(3)]
    with transaction.atomic():
        before = record_access(actor, None, action="search", purpose="before", outcome="allowed")
        assert (
            record_accesses(actor, [p.pk for p in people], action="census", purpose="the census", outcome="allowed")
            == 3
        )
        after = record_access(actor, None, action="search", purpose="after", outcome="allowed")
    rows = list(AccessAudit.objects.filter(action="census").order_by("pk"))
    assert [r.person_id for r in rows] == [p.pk for p in people] and {r.purpose for r in rows} == {"the census"}
    assert [seal_of(r).seq for r in (before, *rows, after)] == [1, 2, 3, 4, 5]
    assert PendingSeal.objects.count() == 0 and verify_chain().ok
    assert record_accesses(actor, [], action="census", purpose="nobody", outcome="allowed") == 0


def test_verify_audit_only_reads_and_names_a_row_left_unsealed_too_long() -> None:
    waiting = write_looks(2, seal=False)
    assert "intact: 0 rows verified, 0 checkpoints matched; 2 rows written in the last minute wait" in verify()
    assert PendingSeal.objects.count() == 2 and AuditSeal.objects.count() == 0  # it sealed nothing
    with time_machine.travel(timezone.now() + SEAL_GRACE + timedelta(seconds=5)):
        report = verify_chain()
    assert (report.ok, report.first_broken_id) == (False, waiting[0].pk)
    assert "never sealed (is the worker running?)" in report.problem
    assert seal_chain() == 2 and verify_chain().ok


def test_the_sealer_skips_a_row_changed_while_waiting_and_seals_the_rest() -> None:
    waiting = write_looks(3, seal=False)
    sql("UPDATE access_accessaudit SET purpose = %s WHERE id = %s", ["changed", waiting[1].pk])
    assert seal_chain() == 2
    assert [s.entry_id for s in AuditSeal.objects.order_by("seq")] == [waiting[0].pk, waiting[2].pk]
    assert verify_chain().first_broken_id == waiting[1].pk


# --- Checkpoints outside the database ------------------------------------------------------------------------------


def test_no_checkpoint_is_written_over_a_broken_chain(checkpoint_file, caplog) -> None:
    rows = write_looks(3)
    sql("UPDATE access_accessaudit SET purpose = %s WHERE id = %s", ["changed", rows[1].pk])
    with caplog.at_level(logging.ERROR, logger="frontdoor.access.audit"):
        assert write_checkpoint() == 0
    assert not checkpoint_file.exists()
    assert f"access.audit_chain_broken seq=2 id={rows[1].pk}" in caplog.text


def test_a_changed_checkpoint_line_is_named(checkpoint_file) -> None:
    write_looks(2)
    write_checkpoint()
    line = json.loads(checkpoint_file.read_text())
    checkpoint_file.write_text(json.dumps({**line, "seq": 1}) + "\n")
    report = verify_chain()
    assert (report.ok, report.problem) == (False, "checkpoint line 1 does not match its signature")


def test_a_rotated_key_still_verifies_what_it_sealed(settings) -> None:
    old_key = settings.FRONTDOOR_AUDIT_KEY
    before = write_looks(2)
    write_checkpoint()
    settings.FRONTDOOR_AUDIT_KEY = "the-next-audit-key-" + "k" * 40
    settings.FRONTDOOR_AUDIT_RETIRED_KEYS = [old_key]
    after = write_looks(2)
    write_checkpoint()
    assert seal_of(before[0]).key_id == key_id_of(old_key) != seal_of(after[0]).key_id
    report = verify_chain()
    assert (report.ok, report.rows, report.checkpoints) == (True, 4, 2)
    settings.FRONTDOOR_AUDIT_RETIRED_KEYS = []
    assert verify_chain().first_broken_seq == 1  # without the retired key the old rows cannot be vouched for


def test_the_worker_seals_and_checkpoints() -> None:
    jobs = {job.name: job for job in list_jobs()}
    assert jobs["seal_audit_chain"].run is seal_chain and jobs["seal_audit_chain"].every_seconds == 2
    assert jobs["checkpoint_audit_chain"].run is write_checkpoint


# --- The application cannot change the audit ------------------------------------------------------------------------


def test_the_application_cannot_change_or_delete_a_row_or_a_seal() -> None:
    [row] = write_looks(1)
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
        AccessAudit.objects.bulk_create([AccessAudit(action="x", purpose="x", outcome="allowed")])
    seal = seal_of(row)
    with pytest.raises(AppendOnlyError):
        seal.delete()
    with pytest.raises(AppendOnlyError):
        AuditSeal.objects.filter(pk=seal.pk).update(row_hash="f" * 64)
    assert AccessAudit.objects.get().purpose == "look 0"
    assert verify_chain().ok


def test_the_admin_site_shows_the_audit_read_only(client) -> None:
    [row] = write_looks(1)
    model_admin = admin_site._registry[AccessAudit]
    admin_user = UserFactory(roles=[Role.SYSTEM_ADMINISTRATOR])
    act_as(client, admin_user, Role.SYSTEM_ADMINISTRATOR)
    assert client.get("/admin/access/accessaudit/").status_code == 200
    request = client.get(f"/admin/access/accessaudit/{row.pk}/change/").wsgi_request
    assert not model_admin.has_change_permission(request, row)
    assert not model_admin.has_delete_permission(request, row)
    assert not model_admin.has_add_permission(request)
    assert client.post(f"/admin/access/accessaudit/{row.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AccessAudit.objects.filter(pk=row.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_chain() -> None:
    """Threads with their own connections write at once, each look sealed as it commits, while three worker
    sealers race them: the head lock keeps every row on one chain."""
    user = UserFactory(roles=[Role.MASH_SOCIAL_WORKER])
    person = PersonFactory()
    actor = Actor(user=user, role=Role.MASH_SOCIAL_WORKER, agency=user.agency)
    threads, per_thread, errors = 6, 15, []
    start = threading.Barrier(threads + 3)

    def writer(n: int) -> None:
        try:
            start.wait()
            for i in range(per_thread):
                with transaction.atomic():
                    record_access(actor, person, action="view_person", purpose=f"t{n} {i}", outcome="allowed")
        except Exception as exc:  # collected and asserted below
            errors.append(repr(exc))
        finally:
            connections.close_all()

    def sealer() -> None:
        try:
            start.wait()
            for _ in range(5):
                seal_chain(batch=7)
        except Exception as exc:  # collected and asserted below
            errors.append(repr(exc))
        finally:
            connections.close_all()

    workers = [threading.Thread(target=writer, args=(n,)) for n in range(threads)]
    workers += [threading.Thread(target=sealer) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    seal_chain()  # any look whose seal after commit timed out behind another sealer
    total = threads * per_thread
    assert sorted(AuditSeal.objects.values_list("seq", flat=True)) == list(range(1, total + 1))
    assert AuditChainHead.objects.get().seq == total and PendingSeal.objects.count() == 0
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
    write_looks(3, person=person)
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
            write_looks(1, person=person)
    act_as(client, UserFactory(roles=[Role.PRIVACY_OFFICER]), Role.PRIVACY_OFFICER)
    assert "No unusual access found" in client.get("/access/reviews/").content.decode()
