"""newstrace."""
