"""Lecturer aggregation: many students' visit logs into one database, and the review's reports."""
