from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("booking", "0005_queue_for_existing_requests")]

    operations = [
        migrations.AlterField(
            model_name="bookingsubmission",
            name="reply_due",
            field=models.DateTimeField(
                help_text="Computed when the request arrives, from the clinic's working days."
            ),
        ),
    ]
