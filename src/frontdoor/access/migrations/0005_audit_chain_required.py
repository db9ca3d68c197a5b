from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("access", "0004_chain_existing_audit_rows")]

    operations = [
        migrations.AlterField(
            model_name="accessaudit",
            name="seq",
            field=models.BigIntegerField(help_text="The row's place in the hash chain, from 1", unique=True),
        ),
        migrations.AlterField(model_name="accessaudit", name="prev_hash", field=models.CharField(max_length=64)),
        migrations.AlterField(model_name="accessaudit", name="row_hash", field=models.CharField(max_length=64)),
    ]
