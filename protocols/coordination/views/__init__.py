"""Views of the coordination protocols, one module per concept."""
