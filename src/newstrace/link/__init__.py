"""newstrace.link."""
