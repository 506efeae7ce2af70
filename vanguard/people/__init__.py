"""Organizations, schools, departments, persons, memberships and the roster in and out."""
