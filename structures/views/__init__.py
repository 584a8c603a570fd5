"""Views of the structures app, one module per concept."""
