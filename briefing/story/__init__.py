"""What is worked out from the corpus: topics, summaries, citations, novelty."""
