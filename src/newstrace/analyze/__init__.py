"""newstrace.analyze."""
