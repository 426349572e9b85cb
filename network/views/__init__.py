"""Member pages, one module per area. Each view checks access, calls a service or selector, renders."""
