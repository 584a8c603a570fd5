"""Views of the core, one module per concept."""
