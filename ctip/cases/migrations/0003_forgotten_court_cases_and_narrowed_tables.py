from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_court_cases_and_releases"),
    ]

    operations = [
        migrations.AddField(
            model_name="statisticsrelease",
            name="narrowed_to",
            field=models.CharField(blank=True, default="", max_length=80),
        ),
        migrations.AddField(
            model_name="courtcase",
            name="forgotten_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
