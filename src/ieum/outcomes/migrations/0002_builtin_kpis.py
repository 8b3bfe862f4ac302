"""The built-in KPIs exist after `migrate`: the catalog writes them through the
historical model, so this migration keeps working whatever the model becomes."""

from django.db import migrations


def add_builtin_kpis(apps, schema_editor):
    from ieum.outcomes.kpi_catalog import ensure_builtin_kpis

    ensure_builtin_kpis(model=apps.get_model("outcomes", "KPIDefinition"))


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0001_initial")]

    operations = [migrations.RunPython(add_builtin_kpis, migrations.RunPython.noop)]
