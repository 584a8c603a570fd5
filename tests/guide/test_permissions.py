"""Permission matrix of the guide's URLs."""

import pytest

from tests.guide.search_permissions import SEARCH_CASES
from tests.matrix import matrix_test

pytestmark = pytest.mark.django_db

test_permission_matrix = matrix_test(SEARCH_CASES)
