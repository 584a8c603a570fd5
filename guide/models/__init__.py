"""Models of the guide app, one module per concept."""
