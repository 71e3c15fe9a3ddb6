"""The dialogue core: what a typed message means at this point of the conversation, and the reply."""
