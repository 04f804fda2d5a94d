"""Site search in the page's own language (WAGTAILSEARCH_BACKENDS).

On PostgreSQL, a page is indexed with its language's text search configuration (Spanish
stemming for a Spanish page: "tratamientos" and "tratamiento" are one word), and a visitor's
query is read with the configuration of the address's language (/es/search/: Spanish). Other
databases (SQLite for a newcomer) keep Wagtail's own database search.
"""

import copy
from collections import defaultdict

from django.db import connection
from django.utils import translation
from modelsearch.backends import database

# PostgreSQL's text search configuration for each of the site's languages.
CONFIGS = {"en": "english", "es": "spanish"}
DEFAULT_CONFIG = "english"


def config_for(language_code):
    return CONFIGS.get((language_code or "").split("-")[0], DEFAULT_CONFIG)


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks for in a backend module)
    if connection.vendor != "postgresql":
        return database.SearchBackend(params)
    from modelsearch.backends.database.postgres import postgres

    class LanguageIndex(postgres.PostgresIndex):
        def add_items(self, model, objs):
            """Each language's objects indexed with its configuration, in one batch each."""
            by_config = defaultdict(list)
            languages = locale_languages()
            for obj in objs:
                by_config[config_for(languages.get(getattr(obj, "locale_id", None)))].append(obj)
            backend = self.backend
            try:
                for config, group in by_config.items():
                    self.backend = copy.copy(backend)
                    self.backend.config = config
                    super().add_items(model, group)
            finally:
                self.backend = backend

    class LanguageQueryCompiler(postgres.PostgresSearchQueryCompiler):
        def get_config(self, backend):
            return config_for(translation.get_language())

    class LanguageSearchBackend(postgres.PostgresSearchBackend):
        index_class = LanguageIndex
        query_compiler_class = LanguageQueryCompiler

    return LanguageSearchBackend(params)


def locale_languages():
    from wagtail.models import Locale

    return dict(Locale.objects.values_list("pk", "language_code"))
