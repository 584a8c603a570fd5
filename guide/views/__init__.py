"""Views of the guide, one module per concept."""
