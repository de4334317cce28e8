"""newstrace.store."""
