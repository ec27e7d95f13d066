"""Fixtures shared by the whole suite. Keep each one small and general.

- `extractor`: one Extractor (spaCy model loaded once) for the whole session.
- `pg_url`: the PostgreSQL server of $MILLIARD_PG_URL; skipped when unreachable, a
  failure when CI=true (CI must not pass by skipping its database tests).
- `pg_target`: a URL whose tables live in a fresh schema, dropped after the test, so
  parallel runs against the same server never collide.
"""
from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import pytest

PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/test"


@pytest.fixture(scope="session")
def extractor():
    # the batch module's per-process cache: batches run in this process (and Dask
    # workers started with processes=False) reuse this same loaded model
    from milliard.run.runners import shared_extractor
    return shared_extractor()


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


@pytest.fixture(scope="session")
def pg_url() -> str:
    import psycopg

    url = os.environ.get("MILLIARD_PG_URL") or PG_DEFAULT
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error as exc:
        reason = f"no PostgreSQL at {url} ($MILLIARD_PG_URL): {str(exc).strip().splitlines()[0]}"
        if in_ci():
            pytest.fail(f"CI=true and {reason}", pytrace=False)
        pytest.skip(reason)
    return url


def with_search_path(url: str, schema: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture
def pg_target(pg_url):
    """A PostgreSQL URL whose search_path is a new, empty schema (dropped afterwards)."""
    import psycopg

    schema = f"milliard_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield with_search_path(pg_url, schema)
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
