"""Helpers shared by every domain: text cleaning, geography, numbers, settings."""
