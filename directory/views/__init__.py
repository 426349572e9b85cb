"""The public pages. One module per page family; each view validates, calls a selector, renders."""
