"""Models of the rcp app, one module per concept."""
