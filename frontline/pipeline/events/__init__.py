"""From mentions to events: the article's context, one candidate per war word (who, where, when,
what type), and the candidates merged into ACLED rows."""
