"""Who lives with whom, as the agencies' records say: two people share a household when records of theirs give the
same address (the first line and the postcode, compared as written, ignoring case, commas and spacing)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from frontdoor.people.models import SourceRecord
from frontdoor.people.places import address_key


def map_households(person_ids: Iterable[int]) -> dict[int, set[int]]:
    """For each of these people, the other people whose records give an address one of theirs gives (an address
    with no first line is too vague to say two people live together)."""
    ids = set(person_ids)
    keys: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for pid, address, postcode in SourceRecord.objects.filter(person_id__in=ids).values_list(
        "person_id", "address", "postcode"
    ):
        key = address_key(address, postcode)
        if key and key[0]:
            keys[pid].add(key)
    postcodes = {postcode for person_keys in keys.values() for _line, postcode in person_keys}
    at: dict[tuple[str, str], set[int]] = defaultdict(set)
    for pid, address, postcode in (
        SourceRecord.objects.filter(postcode__in=sorted(postcodes), person__isnull=False)
        .values_list("person_id", "address", "postcode")
        .iterator()
    ):
        key = address_key(address, postcode)
        if key is not None:
            at[key].add(pid)
    return {pid: {other for key in keys.get(pid, ()) for other in at[key]} - {pid} for pid in ids}
