"""Live refresh (issue 7): fetch public APIs into a dated landing zone shaped like the snapshot."""
