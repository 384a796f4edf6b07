"""What a job posting asks for: degree, minimum years of experience, seniority, skill families."""

from pipelines.requirements.extract import (
    DEGREES,
    SENIORITIES,
    Requirements,
    extract_requirements,
    load_vocabulary,
    to_record,
)

__all__ = [
    "DEGREES",
    "SENIORITIES",
    "Requirements",
    "extract_requirements",
    "load_vocabulary",
    "to_record",
]
