"""newstrace.ingest."""
