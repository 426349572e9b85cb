"""The demo network as plain Python data: read by directory.demo.loader."""
