"""Language taglines (a snippet) and the clinic settings' language assistance page.

No group is given the taglines' permissions: only administrators (superusers) edit them, as
the notice is the clinic's legal duty (clinic/practice/language_assistance.py).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('clinic', '0019_self_check_page'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='LanguageTagline',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(help_text='The language\'s code, as web pages mark it: "es" (Spanish), "zh-Hant" (Chinese, traditional characters), "vi" (Vietnamese), "ar" (Arabic), "pt-BR".', max_length=35, unique=True, verbose_name='language code')),
                ('name', models.CharField(help_text='The language\'s name written in that language: "Español", "Tiếng Việt".', max_length=80, verbose_name="language's own name")),
                ('text', models.TextField(help_text='The tagline, in that language: that free language help is available, and how to ask for it. Use the official HHS translation when there is one.', max_length=600, verbose_name='tagline')),
                ('direction', models.CharField(choices=[('ltr', 'Left to right'), ('rtl', 'Right to left (Arabic, Farsi, Hebrew, Urdu...)')], default='ltr', help_text='Right to left for Arabic, Farsi, Hebrew, Urdu and similar scripts.', max_length=3, verbose_name='writing direction')),
                ('sort_order', models.PositiveSmallIntegerField(default=0, help_text='Lower numbers come first on the page.', verbose_name='order')),
            ],
            options={
                'verbose_name': 'language tagline',
                'ordering': ['sort_order', 'code'],
            },
        ),
        migrations.AddField(
            model_name='clinicsettings',
            name='language_assistance_page',
            field=models.ForeignKey(blank=True, help_text='The notice of nondiscrimination and free language help, linked from the footer. It shows every language tagline (Snippets, Language taglines) below its text.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL),
        ),
    ]
