"""Every route of the project is in a permission matrix (tests/matrix.py).

allauth's `accounts/` and the Django admin are third-party: the admin counts
by its index alone, allauth's pages are left to allauth."""

from tests.matrix import import_matrices, project_routes


def test_every_named_route_is_in_a_matrix():
    covered = import_matrices()
    routes = [route for route in project_routes() if not route.third_party]
    unnamed = [route.pattern for route in routes if not route.name]
    assert not unnamed, f"Name these routes so that a matrix can test them: {unnamed}"
    missing = sorted(route.name for route in routes if route.name not in covered)
    assert not missing, f"Routes in no permission matrix (tests/**/test_permissions*.py): {missing}"
    assert "admin:index" in covered


def test_matrices_name_only_existing_routes():
    names = {route.name for route in project_routes()}
    assert import_matrices() <= names
