"""The SQLite adapter: the store, migrations and the table groups' repositories."""
