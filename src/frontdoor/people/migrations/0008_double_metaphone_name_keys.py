"""The name keys recomputed: Double Metaphone (people.phonetic) in place of the English Soundex they held before,
so that search and the real-time candidates find names of every origin that sound alike (Mohammed for Muhammad)."""

from django.db import migrations

from frontdoor.people.phonetic import phonetic_key


def recompute_keys(apps, schema_editor):
    """Every stored record's keys, in batches (a large county fits in memory)."""
    SourceRecord = apps.get_model("people", "SourceRecord")
    batch = []
    for record in SourceRecord.objects.only("id", "first_name", "last_name").iterator(chunk_size=5000):
        record.first_name_key, record.last_name_key = phonetic_key(record.first_name), phonetic_key(record.last_name)
        batch.append(record)
        if len(batch) == 5000:
            SourceRecord.objects.bulk_update(batch, ["first_name_key", "last_name_key"])
            batch = []
    SourceRecord.objects.bulk_update(batch, ["first_name_key", "last_name_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0007_person_disabilities"),
    ]

    operations = [
        # Backwards leaves the keys as they are: a Soundex key cannot be told from the names without the old code.
        migrations.RunPython(recompute_keys, migrations.RunPython.noop),
    ]
