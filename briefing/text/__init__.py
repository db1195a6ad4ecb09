"""Text: cleaning, sentences and passages, words and stems, dates, and the one test of "do these say the same thing?"."""
