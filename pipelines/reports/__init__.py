"""The HTML reports: every claim with its evidence, uncertainty and verdict."""
