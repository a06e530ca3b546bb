"""What one article names, each found on its own: war words and their senses (the gate),
actors, dates, sources, death counts, and how each war word is said (modality)."""
