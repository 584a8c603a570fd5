"""Uploaded files of the guide's tests go to a temporary MEDIA_ROOT: the
test's own, or its module's for the tests of a module built once
(`module_world`)."""

import pytest


@pytest.fixture(autouse=True)
def _media_root(request, settings, tmp_path):
    if "module_world" not in request.fixturenames:
        settings.MEDIA_ROOT = tmp_path / "media"
