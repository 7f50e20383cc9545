"""The team hub: students' laptops push their visit logs, lecturers read the reports live (docs/hub.md)."""
