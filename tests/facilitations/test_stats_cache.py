"""The statistics of a period are computed once, and computed again when
something they cover changes."""

import datetime

import pytest
from django.core.cache import DEFAULT_CACHE_ALIAS, caches

from facilitations import stats
from facilitations.stats import Period, statistics_for
from tests.facilitations.factories import SessionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 28)


def sessions_in(statistics) -> int:
    return statistics.tables["heures-par-phase"].footer[1]


@pytest.fixture
def computed(monkeypatch):
    calls = []
    real = stats.cache.compute_statistics

    def counting(period):
        calls.append(period)
        return real(period)

    monkeypatch.setattr(stats.cache, "compute_statistics", counting)
    return calls


def test_closed_period_computed_once(facilitation, computed):
    SessionFactory(facilitation=facilitation, date=datetime.date(2025, 3, 4))
    period = Period.year(2025)
    assert sessions_in(statistics_for(period, today=TODAY)) == 1
    assert sessions_in(statistics_for(period, today=TODAY)) == 1
    assert len(computed) == 1


def test_current_period_cached_until_a_session_of_the_year(facilitation, computed, settings):
    period = Period.year(2026)
    assert sessions_in(statistics_for(period, today=TODAY)) == 0
    statistics_for(period, today=TODAY)
    assert len(computed) == 1
    SessionFactory(facilitation=facilitation, date=datetime.date(2026, 11, 27))
    assert sessions_in(statistics_for(period, today=TODAY)) == 1
    assert len(computed) == 2


def test_current_period_kept_minutes_not_a_week(facilitation, computed, monkeypatch):
    timeouts = []
    # The backend itself, not the `cache` proxy: the proxy's backend is
    # replaced when the test's cache settings are undone.
    backend = caches[DEFAULT_CACHE_ALIAS]
    real_set = backend.set
    monkeypatch.setattr(
        backend,
        "set",
        lambda key, value, timeout: timeouts.append(timeout) or real_set(key, value, timeout),
    )
    statistics_for(Period.year(2026), today=TODAY)
    statistics_for(Period.year(2025), today=TODAY)
    assert timeouts == [stats.cache.CURRENT_TIMEOUT, stats.cache.TIMEOUT]


def test_a_session_of_the_year_makes_it_stale(facilitation, computed):
    period = Period.year(2025)
    statistics_for(period, today=TODAY)
    session = SessionFactory(facilitation=facilitation, date=datetime.date(2025, 6, 1))
    assert sessions_in(statistics_for(period, today=TODAY)) == 1
    # Another year's session leaves 2025 in the cache.
    SessionFactory(facilitation=facilitation, date=datetime.date(2024, 6, 1))
    statistics_for(period, today=TODAY)
    assert len(computed) == 2
    # Moving the 2025 session to 2024 makes both years stale.
    session.refresh_from_db()
    session.date = datetime.date(2024, 2, 2)
    session.save()
    assert sessions_in(statistics_for(period, today=TODAY)) == 0
    assert len(computed) == 3


def test_a_closed_facilitation_makes_every_period_stale(facilitation, computed):
    period = Period.year(2025)
    statistics_for(period, today=TODAY)
    facilitation.save()
    statistics_for(period, today=TODAY)
    assert len(computed) == 2
