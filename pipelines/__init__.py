"""jobstack: AI job-market observatory (Dagster code location and pipeline code)."""
