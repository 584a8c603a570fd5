"""Views of the protocols app, one module per concept."""
