"""Scheduled regeneration: the edition store, the lock, fingerprints, the article cache, publishing, watch and schedule."""
