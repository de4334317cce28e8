"""newstrace.evaluate."""
