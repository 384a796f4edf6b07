"""The warehouse: schema, the core tables built from staging, and their checks."""
