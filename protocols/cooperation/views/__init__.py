"""Views of the national cooperation protocols, one module per concept."""
