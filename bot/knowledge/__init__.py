"""The knowledge base: life events, their questions, steps and rights; loading and validation."""
