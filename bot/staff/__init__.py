"""Staff accounts (roles, password hashes) and their server-side sessions."""
