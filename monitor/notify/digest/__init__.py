"""Digest emails: compose, plan (schedules) and run."""
