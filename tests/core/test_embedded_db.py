from django.db import connection


def test_database_is_postgresql_with_the_extensions_the_app_needs(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension")
        extensions = {row[0] for row in cursor.fetchall()}
    assert {"pg_trgm", "btree_gist"} <= extensions
    assert connection.vendor == "postgresql"


def test_trigrams_understand_hangul(db):
    # With a C locale pg_trgm drops every Hangul character; C.UTF-8 keeps them.
    with connection.cursor() as cursor:
        cursor.execute("SELECT similarity('김해의생명산업진흥원', '김해의생명산업 진흥원')")
        (similarity,) = cursor.fetchone()
    assert similarity > 0.5


def test_sessions_run_in_utc_and_pages_in_seoul_time(settings):
    assert settings.TIME_ZONE == "Asia/Seoul"
    assert settings.USE_TZ is True
