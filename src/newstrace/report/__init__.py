"""newstrace.report."""
